package org.idempiere.subscription.api;

/** What a template lets its customers change themselves (list reference SUB_CustomerPermission). */
public enum CustomerPermission implements DictionaryCode {
    /** Nothing: changes are made by the seller. */
    NONE("NO"),
    /** Add and remove the template's options. */
    ADD_REMOVE_OPTIONS("AR"),
    /** Add options and raise quantities; nothing that lowers the bill. */
    UPGRADE_ONLY("UP"),
    /** Add and remove options, raise and lower quantities, move to another plan. */
    UPGRADE_DOWNGRADE("UD");

    private final String code;

    CustomerPermission(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
