package org.idempiere.subscription.plugin.process;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;

/**
 * Reads process parameters as iDempiere hands them over ({@code ProcessInfoParameter}): ids as
 * {@code BigDecimal} or {@code Integer} (0 means none), texts as {@code String}. A value of the
 * wrong type is refused naming the parameter.
 */
final class ProcessValues {
    private ProcessValues() {
    }

    /** @return the id, empty when the parameter is not set or 0 ('*' organization, no record) */
    static Optional<Long> id(Map<String, Object> values, String name) {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        long id;
        if (v instanceof BigDecimal d) {
            try {
                id = d.longValueExact();
            } catch (ArithmeticException e) {
                throw SubscriptionException.invalid(name, v, "is not an id");
            }
        } else if (v instanceof Number n) {
            id = n.longValue();
        } else if (v instanceof String s && !s.isBlank()) {
            try {
                id = Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                throw SubscriptionException.invalid(name, v, "is not an id");
            }
        } else {
            throw SubscriptionException.invalid(name, v, "is not an id");
        }
        return id > 0 ? Optional.of(id) : Optional.empty();
    }

    /** @return the text, stripped; empty when the parameter is not set or blank */
    static Optional<String> text(Map<String, Object> values, String name) {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw SubscriptionException.invalid(name, v, "is not a text");
        }
        return Optional.of(s.strip()).filter(t -> !t.isEmpty());
    }
}
