/**
 * What the engine offers: templates, subscriptions, billing runs and analytics, as OSGi
 * services that the core bundle provides and the web API, the iDempiere binding and tests use.
 * Inputs are validated before anything is written; errors are
 * {@link org.idempiere.subscription.api.SubscriptionException}s naming field and value.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.idempiere.subscription.api.service;
