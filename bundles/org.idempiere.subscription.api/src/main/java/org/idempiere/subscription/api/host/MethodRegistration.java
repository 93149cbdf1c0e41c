package org.idempiere.subscription.api.host;

import java.util.Objects;
import java.util.Optional;

/**
 * A payment method to save for a customer: the gateway's token for it (obtained by the gateway's
 * own tokenization, so no card number or IBAN ever reaches the engine), whether it becomes the
 * default, and what the gateway's tokenization answered about it. A host whose gateway can be
 * asked what a token stands for (the sandbox) asks it and ignores {@code details}; a host that
 * cannot (iDempiere: its {@code PaymentProcessor} has no such question) keeps {@code details}
 * and refuses a registration without them. Immutable.
 *
 * @param token       the gateway's token
 * @param makeDefault whether automatic charges use it from now on
 * @param details     what the gateway's tokenization showed of the method; empty when the host asks its gateway
 */
public record MethodRegistration(String token, boolean makeDefault, Optional<TokenDetails> details) {
    public MethodRegistration {
        Objects.requireNonNull(token, "token");
        details = details == null ? Optional.empty() : details;
    }

    /** A registration of a token the host's gateway describes itself. */
    public MethodRegistration(String token, boolean makeDefault) {
        this(token, makeDefault, Optional.empty());
    }
}
