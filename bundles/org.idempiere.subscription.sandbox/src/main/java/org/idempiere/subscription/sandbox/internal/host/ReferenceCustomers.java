package org.idempiere.subscription.sandbox.internal.host;

import java.util.Optional;
import org.idempiere.subscription.api.host.Customer;
import org.idempiere.subscription.api.host.Customers;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.osgi.service.component.annotations.Component;

/** Customers of the reference host: {@code sbx_customer} with its bill-to {@code sbx_location}. */
@Component(service = Customers.class)
public final class ReferenceCustomers implements Customers {

    @Override
    public Optional<Customer> find(Tx tx, long customerId) {
        return Rows.first(tx.connection(), "SELECT c.c_bpartner_id, c.name, c.email, c.ad_language, l.c_bpartner_location_id,"
                + " l.country_code FROM sbx_customer c JOIN sbx_location l ON l.c_bpartner_id = c.c_bpartner_id"
                + " AND l.is_bill_to = 'Y' WHERE c.ad_client_id = ? AND c.c_bpartner_id = ? ORDER BY l.c_bpartner_location_id",
                rs -> new Customer(rs.getLong(1), rs.getString(2), Optional.ofNullable(rs.getString(3)), rs.getLong(5),
                        rs.getString(6), rs.getString(4)),
                ReferenceHostContext.TENANT.clientId(), customerId);
    }
}
