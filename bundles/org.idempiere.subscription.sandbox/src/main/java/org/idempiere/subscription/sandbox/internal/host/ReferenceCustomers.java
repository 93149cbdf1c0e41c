package org.idempiere.subscription.sandbox.internal.host;

import java.util.List;
import java.util.Optional;
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
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.osgi.service.component.annotations.Component;

/**
 * Customers of the reference host: {@code sbx_customer} with its bill-to {@code sbx_location}; their
 * contacts in {@code sbx_user}, who write in the customer's language. A billing address is
 * changed in place, as iDempiere's location editor changes a {@code C_Location}: the location
 * keeps its id, which subscriptions and invoices name, and the tax engine reads its country
 * (decisions/0031). The reference host knows every ISO 3166 country ({@link AddressUpdate} has
 * checked the code against that list) and keeps any region.
 */
@Component(service = Customers.class)
public final class ReferenceCustomers implements Customers {

    @Override
    public Optional<Customer> find(Tx tx, long customerId) {
        return Rows.first(tx.connection(), "SELECT c.c_bpartner_id, c.name, c.email, c.ad_language, l.c_bpartner_location_id,"
                + " l.country_code FROM sbx_customer c JOIN sbx_location l ON l.c_bpartner_id = c.c_bpartner_id"
                + " AND l.is_bill_to = 'Y' WHERE c.ad_client_id = ? AND c.c_bpartner_id = ? ORDER BY l.c_bpartner_location_id",
                rs -> new Customer(rs.getLong(1), rs.getString(2), Optional.ofNullable(rs.getString(3)), rs.getLong(5),
                        rs.getString(6), rs.getString(4)),
                ReferenceHostContext.current().clientId(), customerId);
    }

    /** Any user of the tenant in {@code sbx_user}: sales representatives and customers' contacts alike. */
    @Override
    public Optional<String> userName(Tx tx, long userId) {
        return Rows.first(tx.connection(), "SELECT name FROM sbx_user WHERE ad_client_id = ? AND ad_user_id = ?",
                rs -> rs.getString(1), ReferenceHostContext.current().clientId(), userId);
    }

    @Override
    public Optional<Contact> contact(Tx tx, long customerId, long contactId) {
        return Rows.first(tx.connection(), "SELECT u.ad_user_id, u.c_bpartner_id, u.name, u.email, u.phone, c.ad_language"
                + " FROM sbx_user u JOIN sbx_customer c ON c.c_bpartner_id = u.c_bpartner_id"
                + " WHERE u.ad_client_id = ? AND u.c_bpartner_id = ? AND u.ad_user_id = ?",
                rs -> new Contact(rs.getLong(1), rs.getLong(2), rs.getString(3), Optional.ofNullable(rs.getString(4)),
                        Optional.ofNullable(rs.getString(5)), rs.getString(6)),
                ReferenceHostContext.current().clientId(), customerId, contactId);
    }

    /** Contacts of customers with that address in any tenant of the sandbox (it has one). */
    @Override
    public List<ContactRef> contactsByEmail(Tx tx, String email, int limit) {
        return Rows.list(tx.connection(), "SELECT u.ad_client_id, u.c_bpartner_id, u.ad_user_id FROM sbx_user u"
                + " WHERE lower(u.email) = lower(?) AND u.c_bpartner_id IS NOT NULL ORDER BY u.ad_user_id LIMIT ?",
                rs -> new ContactRef(new Tenant(rs.getLong(1), rs.getLong(1), rs.getLong(3)), rs.getLong(2), rs.getLong(3)),
                email, limit);
    }

    /** The contact, locked, then changed; the row is untouched when anything is refused. */
    @Override
    public Contact updateContact(Tx tx, long customerId, long contactId, ContactUpdate update) {
        if (find(tx, customerId).isEmpty()) {
            throw SubscriptionException.unknown("customerId", customerId);
        }
        Rows.first(tx.connection(), "SELECT 1 FROM sbx_user WHERE ad_client_id = ? AND c_bpartner_id = ? AND ad_user_id = ?"
                + " FOR UPDATE", rs -> true, ReferenceHostContext.current().clientId(), customerId, contactId)
                .orElseThrow(() -> SubscriptionException.unknown("contactId", contactId));
        Rows.update(tx.connection(), "UPDATE sbx_user SET name = ?, email = ?, phone = ? WHERE ad_user_id = ?", update.name(),
                update.email().orElse(null), update.phone().orElse(null), contactId);
        return contact(tx, customerId, contactId).orElseThrow();
    }

    @Override
    public Optional<Address> billingAddress(Tx tx, long customerId) {
        return find(tx, customerId).flatMap(c -> address(tx, c.billToLocationId()));
    }

    @Override
    public Address updateBillingAddress(Tx tx, long customerId, AddressUpdate update) {
        Customer customer = find(tx, customerId).orElseThrow(() -> SubscriptionException.unknown("customerId", customerId));
        Rows.first(tx.connection(), "SELECT 1 FROM sbx_location WHERE c_bpartner_location_id = ? FOR UPDATE", rs -> true,
                customer.billToLocationId()).orElseThrow();
        Rows.update(tx.connection(), "UPDATE sbx_location SET address1 = ?, address2 = ?, postal = ?, city = ?, region = ?,"
                + " country_code = ? WHERE c_bpartner_location_id = ?", update.address1(), update.address2().orElse(null),
                update.postal().orElse(null), update.city(), update.region().orElse(null), update.countryCode(),
                customer.billToLocationId());
        return address(tx, customer.billToLocationId()).orElseThrow();
    }

    private static Optional<Address> address(Tx tx, long locationId) {
        return Rows.first(tx.connection(), "SELECT c_bpartner_location_id, address1, address2, postal, city, region, country_code"
                + " FROM sbx_location WHERE ad_client_id = ? AND c_bpartner_location_id = ?",
                rs -> new Address(rs.getLong(1), Optional.ofNullable(rs.getString(2)), Optional.ofNullable(rs.getString(3)),
                        Optional.ofNullable(rs.getString(4)), Optional.ofNullable(rs.getString(5)),
                        Optional.ofNullable(rs.getString(6)), rs.getString(7)),
                ReferenceHostContext.current().clientId(), locationId);
    }
}
