package org.idempiere.subscription.api;

/** How a subscription's invoices are paid (list reference SUB_PaymentMode). */
public enum PaymentMode implements DictionaryCode {
    /** The invoice is e-mailed and the customer pays it by transfer. */
    MANUAL("M"),
    /** The invoice is charged to the customer's default saved payment method when it is posted. */
    AUTOMATIC("A");

    private final String code;

    PaymentMode(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
