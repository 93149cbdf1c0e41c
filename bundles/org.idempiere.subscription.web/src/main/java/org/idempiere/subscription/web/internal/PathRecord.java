package org.idempiere.subscription.web.internal;

import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.web.rest.RestRequest;

/**
 * The preamble of a route whose path addresses a record: the engine's refusal of that record as
 * an unknown reference (a field of the request) becomes 404 naming the path's record, as for one
 * that does not exist; every other refusal passes unchanged.
 */
final class PathRecord {
    private PathRecord() {
    }

    /**
     * {@code call} on the customer of the path's {@code {id}}: one the engine does not know
     * ({@code UNKNOWN_REFERENCE} of {@code customerId}) is 404 naming {@code id}.
     */
    static <T> T customer(RestRequest req, LongFunction<T> call) {
        long customer = req.pathId("id");
        return customer(customer, () -> call.apply(customer));
    }

    /** {@link #customer(RestRequest, LongFunction)} for a customer already read from the path. */
    static <T> T customer(long customerId, Supplier<T> call) {
        return of(ErrorCode.UNKNOWN_REFERENCE, "customerId", () -> SubscriptionException.notFound("Customer", customerId), call);
    }

    /**
     * {@code call}, its refusal with {@code code} naming {@code field} answered as {@code notFound}.
     */
    static <T> T of(ErrorCode code, String field, Supplier<SubscriptionException> notFound, Supplier<T> call) {
        try {
            return call.get();
        } catch (SubscriptionException e) {
            if (e.code() == code && e.field().filter(field::equals).isPresent()) {
                throw notFound.get();
            }
            throw e;
        }
    }
}
