package org.idempiere.subscription.sandbox.internal.host;

import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.host.Contact;
import org.idempiere.subscription.api.host.ContactRef;
import org.idempiere.subscription.api.host.Customer;
import org.idempiere.subscription.api.host.Customers;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.osgi.service.component.annotations.Component;

/**
 * Customers of the reference host: {@code sbx_customer} with its bill-to {@code sbx_location}; their
 * contacts in {@code sbx_user}, who write in the customer's language.
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
}
