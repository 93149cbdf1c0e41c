package org.idempiere.subscription.api;

/**
 * An enum constant stored in the database as a code of an iDempiere list reference
 * (for example {@code AC} for an active subscription).
 */
public interface DictionaryCode {

    /** @return the code stored in the database, never null */
    String code();

    /**
     * Finds the constant with the given code.
     *
     * @throws SubscriptionException INVALID_VALUE naming {@code field} when no constant has the code
     */
    static <E extends Enum<E> & DictionaryCode> E fromCode(Class<E> type, String field, String code) {
        for (E e : type.getEnumConstants()) {
            if (e.code().equals(code)) {
                return e;
            }
        }
        throw SubscriptionException.invalid(field, code, "is not a known " + type.getSimpleName() + " code");
    }
}
