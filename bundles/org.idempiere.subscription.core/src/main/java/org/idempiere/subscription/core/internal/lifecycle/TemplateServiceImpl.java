package org.idempiere.subscription.core.internal.lifecycle;

import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.service.Template;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.idempiere.subscription.core.internal.store.TemplateStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Templates (plans) stored in {@code SUB_Template}. */
@Component(service = TemplateService.class)
public final class TemplateServiceImpl implements TemplateService {
    private final HostContext host;
    private final TemplateStore store = new TemplateStore();

    @Activate
    public TemplateServiceImpl(@Reference HostContext host) {
        this.host = host;
    }

    @Override
    public Template create(TemplateDraft draft) {
        Validate.text("name", draft.name(), 60, true);
        Validate.text("description", draft.description().orElse(null), 255, false);
        if (draft.recurrence() == null) {
            throw SubscriptionException.required("recurrence");
        }
        if (draft.billing() == null) {
            throw SubscriptionException.required("billing");
        }
        return host.inTransaction(tx -> store.insert(tx.connection(), host.tenant(), host.nextId(tx, "SUB_Template"), draft));
    }

    @Override
    public Optional<Template> find(long templateId) {
        return host.inTransaction(tx -> store.find(tx.connection(), host.tenant(), templateId));
    }

    @Override
    public List<Template> list() {
        return host.inTransaction(tx -> store.list(tx.connection(), host.tenant()));
    }
}
