package org.idempiere.subscription.web.rest;

import java.net.URL;
import java.util.Optional;

/**
 * A set of API routes, registered as an OSGi service. The API servlet picks every such service
 * up (and drops it when it goes away).
 */
@org.osgi.annotation.versioning.ConsumerType
public interface RestRoutes {

    /** Declares the routes on the router. Called once per servlet generation. */
    void register(Router router);

    /**
     * An OpenAPI 3 document whose {@code paths} and {@code components.schemas} are merged into
     * the API's own document at {@code /subscriptions/api/v1/openapi.json}.
     */
    default Optional<URL> openApiFragment() {
        return Optional.empty();
    }
}
