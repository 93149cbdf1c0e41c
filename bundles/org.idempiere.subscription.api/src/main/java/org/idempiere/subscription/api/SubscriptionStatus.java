package org.idempiere.subscription.api;

/** Lifecycle state of a subscription (list reference SUB_SubscriptionStatus). */
public enum SubscriptionStatus implements DictionaryCode {
    DRAFT("DR"), ACTIVE("AC"), CLOSED("CL");

    private final String code;

    SubscriptionStatus(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
