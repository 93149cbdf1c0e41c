package org.idempiere.subscription.web.rest;

import java.time.LocalDate;
import java.util.Optional;

/** A request as a route handler sees it: path variables, query parameters and the JSON body. */
@org.osgi.annotation.versioning.ProviderType
public interface RestRequest {

    /**
     * A path variable as a positive id.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException INVALID_VALUE naming it otherwise
     */
    long pathId(String name);

    /** A query parameter, if given and not empty. */
    Optional<String> query(String name);

    /**
     * A query parameter as a positive id.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException if it is missing or not an id
     */
    long queryId(String name);

    /**
     * A query parameter as an ISO date ({@code 2026-01-31}), if given.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException if it is not a date
     */
    Optional<LocalDate> queryDate(String name);

    /**
     * The JSON object of the body.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException INVALID_VALUE for "body" if it
     *         is not a JSON object
     */
    JsonBody body();

    /** The JSON object of the body, or an empty object when there is no body (all fields optional). */
    JsonBody bodyOrEmpty();
}
