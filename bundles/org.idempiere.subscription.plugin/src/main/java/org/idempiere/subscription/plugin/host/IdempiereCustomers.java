package org.idempiere.subscription.plugin.host;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.adempiere.exceptions.AdempiereException;
import org.compiere.model.MBPartner;
import org.compiere.model.MBPartnerLocation;
import org.compiere.model.MUser;
import org.compiere.util.Env;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.Address;
import org.idempiere.subscription.api.host.AddressUpdate;
import org.idempiere.subscription.api.host.Contact;
import org.idempiere.subscription.api.host.ContactRef;
import org.idempiere.subscription.api.host.ContactUpdate;
import org.idempiere.subscription.api.host.Customer;
import org.idempiere.subscription.api.host.Customers;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.host.Tx;
import org.osgi.service.component.annotations.Component;

/**
 * Customers over {@code MBPartner}: an active business partner of the tenant flagged as customer,
 * with an active bill-to location (its country from {@code C_Location}, read in the caller's
 * transaction so that a changed address counts at once), the e-mail of a contact ({@code
 * AD_User}) and its language. Which location and contact: {@link CustomerFacts}. Contacts are
 * changed through {@code MUser}, billing addresses in place through {@code MLocation}
 * ({@link BillingAddresses}).
 */
@Component(service = Customers.class)
public final class IdempiereCustomers implements Customers {

    @Override
    public Optional<Customer> find(Tx tx, long customerId) {
        Optional<MBPartner> found = partner(tx, customerId);
        OptionalInt billTo = found.map(IdempiereCustomers::billTo).orElse(OptionalInt.empty());
        if (billTo.isEmpty()) {
            return Optional.empty();
        }
        MBPartner partner = found.get();
        String countryCode = BillingAddresses.read(tx, billTo.getAsInt()).map(Address::countryCode).orElse(null);
        List<CustomerFacts.Contact> contacts = Arrays.stream(partner.getContacts(false))
                .map(u -> new CustomerFacts.Contact(u.getC_BPartner_Location_ID(), u.getEMail())).toList();
        return Optional.of(CustomerFacts.customer(partner.getC_BPartner_ID(), partner.getName(),
                CustomerFacts.email(contacts, billTo.getAsInt()), billTo.getAsInt(), countryCode,
                partner.getAD_Language(), Env.getAD_Language(Env.getCtx())));
    }

    /**
     * From iDempiere's cache of users ({@code MUser.get}, which holds users of every tenant): a user of another
     * tenant is not this tenant's.
     */
    @Override
    public Optional<String> userName(Tx tx, long userId) {
        OptionalInt id = Ids.lookup(userId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        MUser user = MUser.get(Env.getCtx(), id.getAsInt());
        return user == null || user.getAD_Client_ID() != Env.getAD_Client_ID(Env.getCtx()) ? Optional.empty()
                : Optional.of(user.getName());
    }

    /** A contact ({@code AD_User}) of the customer, writing in the customer's language. */
    @Override
    public Optional<Contact> contact(Tx tx, long customerId, long contactId) {
        return partner(tx, customerId).flatMap(partner -> Arrays.stream(partner.getContacts(false))
                .filter(u -> u.isActive() && u.get_ID() == contactId).findFirst()
                .map(u -> contact(partner, u)));
    }

    /**
     * The contact is loaded in the caller's transaction and only the values that differ are set
     * ({@code MUser.setEMail} also clears the address's verification date); {@code MUser.beforeSave}
     * then checks the address as iDempiere does.
     */
    @Override
    public Contact updateContact(Tx tx, long customerId, long contactId, ContactUpdate update) {
        MBPartner partner = partner(tx, customerId).orElseThrow(() -> SubscriptionException.unknown("customerId", customerId));
        int id = Ids.lookup(contactId).orElseThrow(() -> SubscriptionException.unknown("contactId", contactId));
        MUser user = new MUser(Env.getCtx(), id, IdempiereTx.of(tx).trxName());
        if (user.get_ID() != id || user.getAD_Client_ID() != partner.getAD_Client_ID()
                || user.getC_BPartner_ID() != partner.getC_BPartner_ID() || !user.isActive()) {
            throw SubscriptionException.unknown("contactId", contactId);
        }
        if (!update.name().equals(user.getName())) {
            user.setName(update.name());
        }
        if (!Objects.equals(update.email(), HostSql.text(user.getEMail()))) {
            user.setEMail(update.email().orElse(null));
        }
        if (!Objects.equals(update.phone(), HostSql.text(user.getPhone()))) {
            user.setPhone(update.phone().orElse(null));
        }
        try {
            user.saveEx();
        } catch (AdempiereException e) {
            throw SubscriptionException.hostFailure("iDempiere refused the contact " + contactId + ": "
                    + e.getLocalizedMessage(), e);
        }
        return contact(partner, user);
    }

    @Override
    public Optional<Address> billingAddress(Tx tx, long customerId) {
        return partner(tx, customerId).flatMap(p -> {
            OptionalInt billTo = billTo(p);
            return billTo.isEmpty() ? Optional.empty() : BillingAddresses.read(tx, billTo.getAsInt());
        });
    }

    @Override
    public Address updateBillingAddress(Tx tx, long customerId, AddressUpdate update) {
        OptionalInt billTo = partner(tx, customerId).map(IdempiereCustomers::billTo).orElse(OptionalInt.empty());
        if (billTo.isEmpty()) {
            throw SubscriptionException.unknown("customerId", customerId);
        }
        return BillingAddresses.write(tx, billTo.getAsInt(), update);
    }

    /** @return the active customer of the context's tenant with that id */
    private static Optional<MBPartner> partner(Tx tx, long customerId) {
        OptionalInt id = Ids.lookup(customerId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        MBPartner partner = MBPartner.get(Env.getCtx(), id.getAsInt(), IdempiereTx.of(tx).trxName()); // of the context's tenant only
        return partner == null || !partner.isActive() || !partner.isCustomer() ? Optional.empty() : Optional.of(partner);
    }

    /** @return the partner's default bill-to location ({@link CustomerFacts#billTo}) */
    private static OptionalInt billTo(MBPartner partner) {
        MBPartnerLocation[] locations = partner.getLocations(false);
        return CustomerFacts.billTo(Arrays.stream(locations)
                .map(l -> new CustomerFacts.Location(l.getC_BPartner_Location_ID(), l.isBillTo())).toList());
    }

    private static Contact contact(MBPartner partner, MUser user) {
        String language = CustomerFacts.customer(partner.getC_BPartner_ID(), partner.getName(), Optional.empty(), 0, null,
                partner.getAD_Language(), Env.getAD_Language(Env.getCtx())).language();
        return new Contact(user.get_ID(), partner.getC_BPartner_ID(), user.getName(), HostSql.text(user.getEMail()),
                HostSql.text(user.getPhone()), language);
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
        return HostSql.list(tx, "Contacts by e-mail", sql, rs -> new ContactRef(new Tenant(rs.getLong(1), rs.getLong(2),
                rs.getLong(4)), rs.getLong(3), rs.getLong(4)), email, limit);
    }
}
