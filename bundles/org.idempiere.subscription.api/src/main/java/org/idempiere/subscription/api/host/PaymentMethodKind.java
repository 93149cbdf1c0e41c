package org.idempiere.subscription.api.host;

/** What a saved payment method is. */
public enum PaymentMethodKind {
    /** A payment card, kept at the gateway; the host holds its token, brand, last four digits and expiry. */
    CARD,
    /** A SEPA direct-debit mandate; the host holds its token, the masked IBAN and the mandate's reference and date. */
    DIRECT_DEBIT
}
