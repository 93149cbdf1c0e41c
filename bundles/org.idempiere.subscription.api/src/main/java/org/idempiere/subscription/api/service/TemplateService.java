package org.idempiere.subscription.api.service;

import java.util.List;
import java.util.Optional;

/** Templates (plans). */
@org.osgi.annotation.versioning.ProviderType
public interface TemplateService {
    /** Validates and stores a template. */
    Template create(TemplateDraft draft);

    /** @return the template of the current tenant with that id */
    Optional<Template> find(long templateId);

    /** @return the templates of the current tenant, by id */
    List<Template> list();
}
