/**
 * Domain value types of iDempiere Subscriptions: money, recurrences, service periods, the
 * status and change-type codes shared with the dictionary, and the one error type the engine
 * throws. Every type here is immutable and thread-safe.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.idempiere.subscription.api;
