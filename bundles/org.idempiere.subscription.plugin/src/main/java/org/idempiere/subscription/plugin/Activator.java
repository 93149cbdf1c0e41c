package org.idempiere.subscription.plugin;

import org.adempiere.plugin.utils.Incremental2PackActivator;

/**
 * Applies the dictionary: on start, iDempiere's {@link Incremental2PackActivator} installs every
 * {@code META-INF/2Pack_<version>.zip} of this bundle that is not yet recorded in
 * {@code AD_Package_Imp} under the bundle's symbolic name ({@code org.idempiere.subscription.plugin},
 * the {@code Name} the generated PackOut carries), oldest version first, and stops at the first
 * that fails. The zips are generated from {@code 2pack/dictionary.xml} at build time.
 *
 * <p>A class of our own rather than the iDempiere class named directly in the manifest, so that a
 * later version can run a data migration after a 2Pack ({@code afterPackIn}) without changing the
 * manifest. Everything else (host ports, the process factory) is a Declarative Services component
 * and does not depend on this activator.
 */
public final class Activator extends Incremental2PackActivator {
}
