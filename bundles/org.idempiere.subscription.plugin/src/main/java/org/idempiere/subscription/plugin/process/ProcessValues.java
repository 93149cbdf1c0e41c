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

    /**
     * Refuses a parameter the process does not know. iDempiere hands a process every parameter of
     * its {@code AD_Process_Para} (and of a scheduler's {@code AD_Scheduler_Para}); its own
     * processes pass the ones they do not handle to {@code MProcessPara.validateUnknownParameter},
     * which only logs them. Ours refuse them as well: a parameter added to the process in the
     * dictionary without code to read it would otherwise be silently ignored (a filter that does
     * not filter).
     *
     * @param values  the parameters as the process received them (a null value: given, not set)
     * @param process the process's search key ({@code AD_Process.Value})
     * @param known   the parameters the process reads
     * @throws SubscriptionException INVALID_VALUE naming the first unknown parameter
     */
    static void requireKnown(Map<String, Object> values, String process, java.util.List<String> known) {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw SubscriptionException.invalid(e.getKey(), e.getValue(), "is not a parameter of process " + process
                        + " (its parameters: " + String.join(", ", known) + ")");
            }
        }
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
