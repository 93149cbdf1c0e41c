package org.idempiere.subscription.api;

/** Where a change of a subscription stands (list reference SUB_ChangeStatus). */
public enum ChangeStatus implements DictionaryCode {
    /** Dated in the future: the billing run applies it on its day. */
    PENDING("P"),
    /** In effect: lines, plan and MRR changed, adjustments invoiced. */
    APPLIED("A"),
    /** Not applied: the subscription was no longer active on its day. */
    CANCELLED("C");

    private final String code;

    ChangeStatus(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
