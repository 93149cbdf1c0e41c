package org.idempiere.subscription.api.service;

import java.util.List;
import java.util.Objects;
import org.idempiere.subscription.api.CustomerPermission;

/**
 * What a template lets the customer do on their own (through the customer portal): change lines
 * or plan within {@code permission}, add its {@code options}, close the subscription.
 *
 * @param options  products the customer may add as options ({@code SUB_TemplateOption})
 * @param closable whether the customer may close the subscription
 */
public record CustomerTerms(CustomerPermission permission, List<Long> options, boolean closable) {

    /** Customers change nothing and cannot close: the default. */
    public static final CustomerTerms NONE = new CustomerTerms(CustomerPermission.NONE, List.of(), false);

    public CustomerTerms {
        permission = Objects.requireNonNullElse(permission, CustomerPermission.NONE);
        options = options == null ? List.of() : List.copyOf(options);
    }
}
