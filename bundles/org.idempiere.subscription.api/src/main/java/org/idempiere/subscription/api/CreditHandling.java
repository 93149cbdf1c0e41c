package org.idempiere.subscription.api;

/**
 * What becomes of a credit (an adjustment invoice with a negative total, e.g. after a pause or a
 * downgrade in a period billed already) of a subscription paid automatically (list reference
 * SUB_CreditHandling).
 */
public enum CreditHandling implements DictionaryCode {
    /** Refunded to the payment(s) that paid the subscription's invoices, most recent first. */
    REFUND("R"),
    /** Kept as the customer's credit, applied to the next invoices' charges: the default. */
    CARRY("C");

    private final String code;

    CreditHandling(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
