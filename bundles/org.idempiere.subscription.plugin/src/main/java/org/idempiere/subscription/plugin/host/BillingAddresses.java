package org.idempiere.subscription.plugin.host;

import java.util.Optional;
import java.util.Properties;
import org.adempiere.exceptions.AdempiereException;
import org.compiere.model.MBPartnerLocation;
import org.compiere.model.MLocation;
import org.compiere.util.Env;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.Address;
import org.idempiere.subscription.api.host.AddressUpdate;
import org.idempiere.subscription.api.host.Tx;

/**
 * The address of a bill-to location ({@code C_BPartner_Location} → {@code C_Location}): read
 * with SQL in the caller's transaction (so a change made in it is seen at once, not the model
 * cache's copy, which iDempiere resets only after commit), and changed in place through {@code
 * MLocation} as iDempiere's location editor changes it: the {@code C_Location} keeps its id, so
 * every document naming the location shows the new address (decisions/0031). The address is the
 * whole address the customer entered: address lines 3 to 5 and the postal code's addition, which
 * the portal does not show, are cleared. The country, region and city are checked against
 * iDempiere's own tables first ({@link AddressRules}).
 */
final class BillingAddresses {

    private BillingAddresses() {
    }

    /** @return the address of the location's {@code C_Location}, empty when it has none */
    static Optional<Address> read(Tx tx, int bpartnerLocationId) {
        return HostSql.list(tx, "Addresses", "SELECT bpl.C_BPartner_Location_ID, l.Address1, l.Address2, l.Postal,"
                + " l.City, COALESCE(r.Name, l.RegionName), c.CountryCode FROM C_BPartner_Location bpl"
                + " JOIN C_Location l ON l.C_Location_ID = bpl.C_Location_ID"
                + " JOIN C_Country c ON c.C_Country_ID = l.C_Country_ID"
                + " LEFT JOIN C_Region r ON r.C_Region_ID = l.C_Region_ID WHERE bpl.C_BPartner_Location_ID = ?",
                rs -> new Address(rs.getLong(1), HostSql.text(rs.getString(2)), HostSql.text(rs.getString(3)),
                        HostSql.text(rs.getString(4)), HostSql.text(rs.getString(5)), HostSql.text(rs.getString(6)),
                        rs.getString(7).strip()), bpartnerLocationId).stream().findFirst();
    }

    /**
     * Checks the update against iDempiere's countries, regions and cities, then writes it to the
     * location's {@code C_Location} and renames the location as iDempiere's editor does.
     *
     * @throws SubscriptionException INVALID_VALUE naming {@code countryCode}, {@code region} or
     *         {@code city} (see {@link AddressRules}); HOST_FAILURE when iDempiere refuses to save
     */
    static Address write(Tx tx, int bpartnerLocationId, AddressUpdate update) {
        int client = Env.getAD_Client_ID(Env.getCtx());
        AddressRules.Country country = AddressRules.country(update, country(tx, update.countryCode(), client));
        Optional<AddressRules.Region> region = AddressRules.region(update, country, AddressRules.needsRegion(update, country)
                ? region(tx, country, update.region().get(), client) : Optional.empty());
        int regionId = region.map(AddressRules.Region::id).orElse(0);
        AddressRules.city(update, country, !AddressRules.needsListedCity(country)
                || listed(tx, country, regionId, update.city(), client));
        save(tx, bpartnerLocationId, update, country, region);
        return read(tx, bpartnerLocationId).orElseThrow();
    }

    private static Optional<AddressRules.Country> country(Tx tx, String code, int client) {
        return HostSql.list(tx, "Countries", "SELECT C_Country_ID, CountryCode, HasRegion, AllowCitiesOutOfList"
                + " FROM C_Country WHERE CountryCode = ? AND IsActive = 'Y' AND AD_Client_ID IN (0, ?)"
                + " ORDER BY AD_Client_ID DESC", rs -> new AddressRules.Country(rs.getInt(1), rs.getString(2).strip(),
                        "Y".equals(rs.getString(3)), "Y".equals(rs.getString(4))), code, client).stream().findFirst();
    }

    private static Optional<AddressRules.Region> region(Tx tx, AddressRules.Country country, String name, int client) {
        return HostSql.list(tx, "Regions", "SELECT C_Region_ID, Name FROM C_Region WHERE C_Country_ID = ?"
                + " AND UPPER(Name) = UPPER(?) AND IsActive = 'Y' AND AD_Client_ID IN (0, ?)"
                + " ORDER BY AD_Client_ID DESC, C_Region_ID", rs -> new AddressRules.Region(rs.getInt(1), rs.getString(2)),
                country.id(), name, client).stream().findFirst();
    }

    /** The lookup {@code MLocation.beforeSave} makes, which refuses a city missing from a closed list. */
    private static boolean listed(Tx tx, AddressRules.Country country, int regionId, String city, int client) {
        return !HostSql.list(tx, "Cities", "SELECT C_City_ID FROM C_City WHERE C_Country_ID = ?"
                + " AND COALESCE(C_Region_ID, 0) = ? AND Name = ? AND AD_Client_ID IN (0, ?)", rs -> rs.getInt(1),
                country.id(), regionId, city, client).isEmpty();
    }

    private static void save(Tx tx, int bpartnerLocationId, AddressUpdate update, AddressRules.Country country,
            Optional<AddressRules.Region> region) {
        Properties ctx = Env.getCtx();
        String trxName = IdempiereTx.of(tx).trxName();
        try {
            MBPartnerLocation bpl = new MBPartnerLocation(ctx, bpartnerLocationId, trxName);
            MLocation location = new MLocation(ctx, bpl.getC_Location_ID(), trxName);
            location.setAddress1(update.address1());
            location.setAddress2(update.address2().orElse(null));
            location.setAddress3(null);
            location.setAddress4(null);
            location.setAddress5(null);
            location.setPostal(update.postal().orElse(null));
            location.setPostal_Add(null);
            location.setC_Country_ID(country.id());            // a new country clears the region
            location.setC_Region_ID(region.map(AddressRules.Region::id).orElse(0));
            location.setRegionName(region.map(AddressRules.Region::name).orElse(null));
            location.setCity(update.city());
            location.setC_City_ID(0);                           // beforeSave finds the new city's id
            location.saveEx();
            // MLocation.afterSave renames the location only when saved outside a transaction
            if (!bpl.isPreserveCustomName()) {
                String name = bpl.getBPLocName(location);
                if (name != null && !name.equals(bpl.getName())) {
                    bpl.setName(name);
                    bpl.saveEx();
                }
            }
        } catch (AdempiereException e) {
            throw SubscriptionException.hostFailure("iDempiere refused the address of location " + bpartnerLocationId + ": "
                    + e.getLocalizedMessage(), e);
        }
    }
}
