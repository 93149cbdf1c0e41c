package org.idempiere.subscription.api;

/**
 * Lifecycle state of a subscription (list reference SUB_SubscriptionStatus):
 * draft → active ⇄ paused → closed → active again (reactivated).
 */
public enum SubscriptionStatus implements DictionaryCode {
    DRAFT("DR"), ACTIVE("AC"), PAUSED("PA"), CLOSED("CL");

    private final String code;

    SubscriptionStatus(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
