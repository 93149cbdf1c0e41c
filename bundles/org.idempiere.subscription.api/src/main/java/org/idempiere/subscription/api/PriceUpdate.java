package org.idempiere.subscription.api;

/**
 * When a change of the price list reaches a template's existing subscribers (list reference
 * SUB_PriceUpdate). Lines with a fixed unit price never change price.
 */
public enum PriceUpdate implements DictionaryCode {
    /**
     * At the next renewal: a fixed-term subscription is billed the list price valid on the first
     * day of its current term for the whole term; an open-ended one renews every period, so each
     * period takes the price valid on its invoice date.
     */
    AT_RENEWAL("R"),
    /** Immediately: every period takes the price valid on its invoice date. */
    IMMEDIATE("I");

    private final String code;

    PriceUpdate(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
