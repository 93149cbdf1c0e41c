package org.idempiere.subscription.plugin.host;

import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.idempiere.subscription.api.SubscriptionException;

/** The ports speak {@code long} ids; iDempiere 12's models take {@code int}. */
final class Ids {
    /** Our own tables, the only ones {@code HostContext.nextId} allocates ids for. */
    private static final Pattern OUR_TABLE = Pattern.compile("SUB_[A-Za-z]+");

    private Ids() {
    }

    /** @return the id as an iDempiere id, or empty when no iDempiere record can have it */
    static OptionalInt lookup(long id) {
        return id > 0 && id <= Integer.MAX_VALUE ? OptionalInt.of((int) id) : OptionalInt.empty();
    }

    /**
     * @return the id as an iDempiere id
     * @throws SubscriptionException INVALID_VALUE naming {@code field} when it is not one
     */
    static int require(String field, long id) {
        return lookup(id).orElseThrow(() -> SubscriptionException.invalid(field, id,
                "is not an iDempiere record id (1 to " + Integer.MAX_VALUE + ")"));
    }

    /** @return an iDempiere optional reference: 0 means none */
    static int orNone(long id) {
        return lookup(id).orElse(0);
    }

    /**
     * @throws IllegalArgumentException when {@code tableName} is not one of our {@code SUB_} tables
     */
    static String ourTable(String tableName) {
        if (tableName == null || !OUR_TABLE.matcher(tableName).matches()) {
            throw new IllegalArgumentException("Not one of our tables: " + tableName);
        }
        return tableName;
    }
}
