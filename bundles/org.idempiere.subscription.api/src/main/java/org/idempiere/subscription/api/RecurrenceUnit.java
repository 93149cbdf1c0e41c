package org.idempiere.subscription.api;

/** The calendar unit a {@link Recurrence} counts in (list reference SUB_RecurrenceUnit). */
public enum RecurrenceUnit implements DictionaryCode {
    DAY("D"), WEEK("W"), MONTH("M"), YEAR("Y");

    private final String code;

    RecurrenceUnit(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
