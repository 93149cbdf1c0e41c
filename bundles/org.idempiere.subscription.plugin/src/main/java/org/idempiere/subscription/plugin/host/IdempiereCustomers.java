package org.idempiere.subscription.plugin.host;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import org.compiere.model.MBPartner;
import org.compiere.model.MBPartnerLocation;
import org.compiere.model.MCountry;
import org.compiere.model.MLocation;
import org.compiere.util.Env;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.Contact;
import org.idempiere.subscription.api.host.ContactRef;
import org.idempiere.subscription.api.host.Customer;
import org.idempiere.subscription.api.host.Customers;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.host.Tx;
import org.osgi.service.component.annotations.Component;

/**
 * Customers over {@code MBPartner}: an active business partner of the tenant flagged as customer,
 * with an active bill-to location (its country from {@code C_Location}), the e-mail of a contact
 * ({@code AD_User}) and its language. Which location and contact: {@link CustomerFacts}.
 */
@Component(service = Customers.class)
public final class IdempiereCustomers implements Customers {

    @Override
    public Optional<Customer> find(Tx tx, long customerId) {
        OptionalInt id = Ids.lookup(customerId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        String trxName = IdempiereTx.of(tx).trxName();
        Properties ctx = Env.getCtx();
        MBPartner partner = MBPartner.get(ctx, id.getAsInt(), trxName);   // of the context's tenant only
        if (partner == null || !partner.isActive() || !partner.isCustomer()) {
            return Optional.empty();
        }
        MBPartnerLocation[] locations = partner.getLocations(false);
        OptionalInt billTo = CustomerFacts.billTo(Arrays.stream(locations)
                .map(l -> new CustomerFacts.Location(l.getC_BPartner_Location_ID(), l.isBillTo())).toList());
        if (billTo.isEmpty()) {
            return Optional.empty();
        }
        String countryCode = Arrays.stream(locations).filter(l -> l.getC_BPartner_Location_ID() == billTo.getAsInt())
                .findFirst().map(l -> l.getLocation(false)).map(MLocation::getCountry).map(MCountry::getCountryCode)
                .orElse(null);
        List<CustomerFacts.Contact> contacts = Arrays.stream(partner.getContacts(false))
                .map(u -> new CustomerFacts.Contact(u.getC_BPartner_Location_ID(), u.getEMail())).toList();
        return Optional.of(CustomerFacts.customer(id.getAsInt(), partner.getName(),
                CustomerFacts.email(contacts, billTo.getAsInt()), billTo.getAsInt(), countryCode,
                partner.getAD_Language(), Env.getAD_Language(ctx)));
    }

    /** A contact ({@code AD_User}) of the customer, writing in the customer's language. */
    @Override
    public Optional<Contact> contact(Tx tx, long customerId, long contactId) {
        OptionalInt id = Ids.lookup(customerId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Properties ctx = Env.getCtx();
        MBPartner partner = MBPartner.get(ctx, id.getAsInt(), IdempiereTx.of(tx).trxName());
        if (partner == null || !partner.isActive() || !partner.isCustomer()) {
            return Optional.empty();
        }
        String language = CustomerFacts.customer(id.getAsInt(), partner.getName(), Optional.empty(), 0, null,
                partner.getAD_Language(), Env.getAD_Language(ctx)).language();
        return Arrays.stream(partner.getContacts(false)).filter(u -> u.isActive() && u.get_ID() == contactId).findFirst()
                .map(u -> new Contact(u.get_ID(), customerId, u.getName(), text(u.getEMail()), text(u.getPhone()), language));
    }

    /**
     * Active contacts of active customers with that address, in every tenant but System: a plain
     * query, as the portal's link request has no tenant yet; the tenant is the contact's own.
     */
    @Override
    public List<ContactRef> contactsByEmail(Tx tx, String email, int limit) {
        String sql = "SELECT u.AD_Client_ID, u.AD_Org_ID, u.C_BPartner_ID, u.AD_User_ID FROM AD_User u"
                + " JOIN C_BPartner bp ON bp.C_BPartner_ID = u.C_BPartner_ID"
                + " WHERE lower(u.EMail) = lower(?) AND u.IsActive = 'Y' AND bp.IsActive = 'Y' AND bp.IsCustomer = 'Y'"
                + " AND u.AD_Client_ID <> 0 ORDER BY u.AD_User_ID LIMIT ?";
        List<ContactRef> out = new java.util.ArrayList<>();
        try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
            ps.setString(1, email);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ContactRef(new Tenant(rs.getLong(1), rs.getLong(2), rs.getLong(4)), rs.getLong(3), rs.getLong(4)));
                }
            }
        } catch (SQLException e) {
            throw SubscriptionException.hostFailure("Contacts by e-mail could not be read: " + e.getMessage(), e);
        }
        return out;
    }

    private static Optional<String> text(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }
}
