package org.idempiere.subscription.sandbox.internal.host;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.TaxRate;
import org.idempiere.subscription.api.host.Taxes;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.osgi.service.component.annotations.Component;

/**
 * The reference host's tax engine: the rate for the bill-to country (a rate for the location's
 * region wins over the country-wide one) and the product's tax category, valid on the date.
 */
@Component(service = {Taxes.class, ReferenceTaxes.class})
public final class ReferenceTaxes implements Taxes {

    /** What a rate is looked up by. */
    public record TaxKey(long productId, long billToLocationId, LocalDate date) {
    }

    @Override
    public Optional<TaxRate> rateFor(Tx tx, long productId, long billToLocationId, LocalDate date) {
        TaxKey key = new TaxKey(productId, billToLocationId, date);
        return Optional.ofNullable(rates(tx, List.of(key)).get(key));
    }

    /** The rates of many keys in one query; a key no rate applies to is absent from the answer. */
    public Map<TaxKey, TaxRate> rates(Tx tx, List<TaxKey> keys) {
        Object[] products = new Object[keys.size()];
        Object[] locations = new Object[keys.size()];
        Object[] dates = new Object[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            products[i] = keys.get(i).productId();
            locations[i] = keys.get(i).billToLocationId();
            dates[i] = java.sql.Date.valueOf(keys.get(i).date());
        }
        Map<TaxKey, TaxRate> out = new HashMap<>();
        try {
            Connection c = tx.connection();
            Rows.list(c, "SELECT k.i, r.c_tax_id, r.name, r.rate FROM unnest(?, ?, ?) WITH ORDINALITY AS k(product, location, d, i)"
                    + " JOIN LATERAL (SELECT t.c_tax_id, t.name, t.rate FROM sbx_taxrate t"
                    + " JOIN sbx_location l ON l.country_code = t.country_code AND (t.region IS NULL OR t.region = l.region)"
                    + " JOIN sbx_product p ON p.tax_category = t.tax_category AND p.ad_client_id = t.ad_client_id"
                    + " WHERE t.ad_client_id = ? AND l.c_bpartner_location_id = k.location AND p.m_product_id = k.product"
                    + " AND t.valid_from <= k.d ORDER BY (t.region IS NULL), t.valid_from DESC LIMIT 1) r ON true",
                    rs -> out.put(keys.get(rs.getInt(1) - 1), new TaxRate(rs.getLong(2), rs.getString(3), rs.getBigDecimal(4))),
                    c.createArrayOf("numeric", products), c.createArrayOf("numeric", locations), c.createArrayOf("date", dates),
                    ReferenceHostContext.TENANT.clientId());
        } catch (SQLException e) {
            throw SubscriptionException.hostFailure("Tax lookup failed: " + e.getMessage(), e);
        }
        return out;
    }
}
