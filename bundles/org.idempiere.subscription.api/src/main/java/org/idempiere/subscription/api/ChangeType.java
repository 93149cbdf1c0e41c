package org.idempiere.subscription.api;

/**
 * How an entry of the change log moves MRR (list reference SUB_ChangeType). Analytics sums the
 * ledger by these classes, so the engine assigns them in one place. {@link #PLAN_TRANSFER} (since
 * 1.0.1) is a change of plan at the same MRR: the MRR leaves the old plan and enters the new one,
 * nothing moves in the totals.
 */
public enum ChangeType implements DictionaryCode {
    NEW("NW"), EXPANSION("EX"), CONTRACTION("CT"), CHURN("CH"), REACTIVATION("RA"), CURRENCY_TRANSFER("CU"),
    PLAN_TRANSFER("PT");

    private final String code;

    ChangeType(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
