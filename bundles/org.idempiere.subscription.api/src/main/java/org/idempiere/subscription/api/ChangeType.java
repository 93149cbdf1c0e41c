package org.idempiere.subscription.api;

/**
 * How an entry of the change log moves MRR (list reference SUB_ChangeType). Analytics sums the
 * ledger by these classes, so the engine assigns them in one place.
 */
public enum ChangeType implements DictionaryCode {
    NEW("NW"), EXPANSION("EX"), CONTRACTION("CT"), CHURN("CH"), REACTIVATION("RA"), CURRENCY_TRANSFER("CU");

    private final String code;

    ChangeType(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
