/**
 * The host SPI: the only way the engine talks to "the ERP". Each interface is an OSGi service
 * that the host binding provides (the iDempiere plugin over its models, the sandbox over a
 * reference host). Every method that reads or writes takes the current {@link
 * org.idempiere.subscription.api.host.Tx}, so a billing step commits or rolls back as one unit
 * with the host's own records.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.idempiere.subscription.api.host;
