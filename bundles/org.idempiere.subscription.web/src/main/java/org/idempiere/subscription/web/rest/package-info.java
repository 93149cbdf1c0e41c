/**
 * A small kit for contributing JSON routes to the API under {@code /subscriptions/api/v1}:
 * a bundle registers a {@link org.idempiere.subscription.web.rest.RestRoutes} service and the
 * API servlet serves its routes with the same authentication, validation and problem-JSON
 * errors as its own.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.idempiere.subscription.web.rest;
