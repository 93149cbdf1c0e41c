package org.idempiere.subscription.api.host;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/** The default of a port's read of many: its read of one, asked once per distinct id or key. */
final class ManyAtOnce {
    private ManyAtOnce() {
    }

    /** @return what {@code one} found, by id; an id it found nothing for is absent */
    static <T> Map<Long, T> each(Collection<Long> ids, LongFunction<Optional<T>> one) {
        return eachKey(ids, one::apply);
    }

    /** @return what {@code one} found, by key; a key it found nothing for is absent */
    static <K, T> Map<K, T> eachKey(Collection<K> keys, java.util.function.Function<K, Optional<T>> one) {
        Map<K, T> out = new HashMap<>();
        for (K key : keys) {
            if (!out.containsKey(key)) {
                one.apply(key).ifPresent(v -> out.put(key, v));
            }
        }
        return out;
    }
}
