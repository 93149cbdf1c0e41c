package org.idempiere.subscription.core.internal.lifecycle;

import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.service.PlanSettings;
import org.idempiere.subscription.api.service.Template;
import org.idempiere.subscription.api.service.Term;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.idempiere.subscription.core.internal.store.TemplateStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Templates (plans) stored in {@code SUB_Template}, their default lines in {@code SUB_TemplateLine}. */
@Component(service = TemplateService.class)
public final class TemplateServiceImpl implements TemplateService {
    private final HostContext host;
    private final Catalog catalog;
    private final TemplateStore store = new TemplateStore();

    @Activate
    public TemplateServiceImpl(@Reference HostContext host, @Reference Catalog catalog) {
        this.host = host;
        this.catalog = catalog;
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
        new PlanSettings(draft.recurrence(), draft.billing(), draft.term(), draft.billingDay()); // checks the billing day
        draft.autoCloseDays().filter(d -> d < 1 || d > 3650).ifPresent(d -> {
            throw SubscriptionException.invalid("autoCloseDays", d, "must be between 1 and 3650 days");
        });
        draft.noticeDays().filter(d -> d < 0 || d > 3650).ifPresent(d -> {
            throw SubscriptionException.invalid("noticeDays", d, "must be between 0 and 3650 days");
        });
        if (draft.noticeDays().filter(d -> d > 0).isPresent() && draft.term().filter(Term::autoRenew).isEmpty()) {
            throw SubscriptionException.invalid("noticeDays", draft.noticeDays().get(),
                    "is a renewal notice period: the plan needs a term that renews");
        }
        Validate.lineNumbers(draft.lines());
        for (int i = 0; i < draft.lines().size(); i++) {
            int index = i;
            draft.lines().get(i).uomId().ifPresent(u -> {
                throw SubscriptionException.invalid("lines[" + index + "].uomId", u,
                        "is not for default lines: they are in the product's unit of measure");
            });
        }
        return host.inTransaction(tx -> {
            for (int i = 0; i < draft.lines().size(); i++) {
                Validate.lineProduct(catalog, tx, i, draft.lines().get(i).productId());
            }
            List<Long> options = draft.customer().options();
            for (int i = 0; i < options.size(); i++) {
                long productId = options.get(i);
                String field = "customer.options[" + i + "]";
                catalog.product(tx, productId).orElseThrow(() -> SubscriptionException.unknown(field, productId));
                if (options.indexOf(productId) != i) {
                    throw SubscriptionException.invalid(field, productId, "is an option already");
                }
            }
            return store.insert(tx.connection(), host.tenant(), host.nextId(tx, "SUB_Template"),
                    draft.lines().isEmpty() ? new long[0] : host.nextIds(tx, "SUB_TemplateLine", draft.lines().size()),
                    options.isEmpty() ? new long[0] : host.nextIds(tx, "SUB_TemplateOption", options.size()), draft);
        });
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
