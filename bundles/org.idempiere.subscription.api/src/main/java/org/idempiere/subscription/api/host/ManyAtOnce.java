package org.idempiere.subscription.api.host;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/** The default of a port's read of many: its read of one, asked once per distinct id. */
final class ManyAtOnce {
    private ManyAtOnce() {
    }

    /** @return what {@code one} found, by id; an id it found nothing for is absent */
    static <T> Map<Long, T> each(Collection<Long> ids, LongFunction<Optional<T>> one) {
        Map<Long, T> out = new HashMap<>();
        for (long id : ids) {
            if (!out.containsKey(id)) {
                one.apply(id).ifPresent(v -> out.put(id, v));
            }
        }
        return out;
    }
}
