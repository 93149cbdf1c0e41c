package org.idempiere.subscription.api;

/** When a template's subscriptions take a change of lines or plan (list reference SUB_ChangeTiming). */
public enum ChangeTiming implements DictionaryCode {
    /**
     * On the day asked for (today by default), prorated by days: the unused part of what was
     * billed for the period is credited, the new lines' part is charged.
     */
    IMMEDIATE("I"),
    /** On the first day of the next period (the day asked for, if a period starts on it): no proration. */
    NEXT_PERIOD("N"),
    /**
     * At the next renewal: for a fixed term, on the first day of the next term (the day asked for,
     * if a term starts on it); open-ended, as {@link #NEXT_PERIOD}. No proration.
     */
    AT_RENEWAL("R");

    private final String code;

    ChangeTiming(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
