package org.idempiere.subscription.api;

/** Whether a period is invoiced at its start or after its end (list reference SUB_BillingTiming). */
public enum BillingTiming implements DictionaryCode {
    /** Invoice on the first day of the service period. */
    IN_ADVANCE("A"),
    /** Invoice on the day after the service period ends. */
    IN_ARREARS("R");

    private final String code;

    BillingTiming(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
