package org.idempiere.subscription.api.host;

import java.util.Objects;

/**
 * A payment method to save for a customer: the gateway's token for it (obtained by the gateway's
 * own tokenization, so no card number or IBAN ever reaches the engine) and whether it becomes the
 * default. The host asks its gateway what the token stands for (kind, brand, last four, expiry,
 * masked IBAN, mandate) and refuses a token it does not know. Immutable.
 *
 * @param token      the gateway's token
 * @param makeDefault whether automatic charges use it from now on
 */
public record MethodRegistration(String token, boolean makeDefault) {
    public MethodRegistration {
        Objects.requireNonNull(token, "token");
    }
}
