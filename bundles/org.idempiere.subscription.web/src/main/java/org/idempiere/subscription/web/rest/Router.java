package org.idempiere.subscription.web.rest;

/**
 * Where routes are declared. Patterns are relative to {@code /subscriptions/api/v1} and may hold
 * path variables: {@code /subscriptions/{id}/close}.
 */
@org.osgi.annotation.versioning.ProviderType
public interface Router {
    /** A GET route. */
    void get(String pattern, Handler handler);

    /** A POST route (its body is JSON). */
    void post(String pattern, Handler handler);

    /** A DELETE route (no body is read); it usually answers {@link Reply#noContent()}. */
    void delete(String pattern, Handler handler);

    /** Handles one request. */
    @FunctionalInterface
    interface Handler {
        /**
         * @return the reply; a thrown {@link org.idempiere.subscription.api.SubscriptionException}
         *         becomes a problem-JSON response
         */
        Reply handle(RestRequest request);
    }
}
