package org.idempiere.subscription.sandbox.internal.host;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
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

    /** The rate of one key, by the rule of {@link #rates}: a plain statement, with no arrays to plan. */
    @Override
    public Optional<TaxRate> rateFor(Tx tx, long productId, long billToLocationId, LocalDate date) {
        return Rows.first(tx.connection(), "SELECT t.c_tax_id, t.name, t.rate FROM sbx_location l"
                + " JOIN sbx_product p ON p.m_product_id = ? AND p.ad_client_id = l.ad_client_id"
                + " JOIN LATERAL (SELECT t.c_tax_id, t.name, t.rate FROM sbx_taxrate t WHERE t.ad_client_id = l.ad_client_id"
                + " AND t.country_code = l.country_code AND (t.region IS NULL OR t.region = l.region)"
                + " AND t.tax_category = p.tax_category AND t.valid_from <= ?"
                + " ORDER BY (t.region IS NULL), t.valid_from DESC LIMIT 1) t ON true"
                + " WHERE l.c_bpartner_location_id = ? AND l.ad_client_id = ?",
                rs -> new TaxRate(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3)), productId, date, billToLocationId,
                client());
    }

    /** The rates of many keys in one query; a key no rate applies to is absent from the answer. */
    @Override
    public Map<RateKey, TaxRate> rates(Tx tx, Collection<RateKey> distinct) {
        List<RateKey> keys = List.copyOf(new LinkedHashSet<>(distinct));
        Object[] products = new Object[keys.size()];
        Object[] locations = new Object[keys.size()];
        Object[] dates = new Object[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            products[i] = keys.get(i).productId();
            locations[i] = keys.get(i).billToLocationId();
            dates[i] = java.sql.Date.valueOf(keys.get(i).date());
        }
        Map<RateKey, TaxRate> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        try {
            Connection c = tx.connection();
            // Keys become (country, region, tax category, date) first; the rate is then looked up
            // once per distinct such tuple, of which a billing chunk has few.
            Rows.list(c, "WITH k AS (SELECT k.i, l.country_code, l.region, p.tax_category, k.d"
                    + " FROM unnest(?, ?, ?) WITH ORDINALITY AS k(product, location, d, i)"
                    + " JOIN sbx_location l ON l.c_bpartner_location_id = k.location AND l.ad_client_id = ?"
                    + " JOIN sbx_product p ON p.m_product_id = k.product AND p.ad_client_id = ?),"
                    + " g AS (SELECT DISTINCT country_code, region, tax_category, d FROM k),"
                    + " r AS (SELECT g.*, t.c_tax_id, t.name, t.rate FROM g JOIN LATERAL (SELECT t.c_tax_id, t.name, t.rate"
                    + " FROM sbx_taxrate t WHERE t.ad_client_id = ? AND t.country_code = g.country_code"
                    + " AND (t.region IS NULL OR t.region = g.region) AND t.tax_category = g.tax_category AND t.valid_from <= g.d"
                    + " ORDER BY (t.region IS NULL), t.valid_from DESC LIMIT 1) t ON true)"
                    + " SELECT k.i, r.c_tax_id, r.name, r.rate FROM k JOIN r ON r.country_code = k.country_code"
                    + " AND r.region IS NOT DISTINCT FROM k.region AND r.tax_category = k.tax_category AND r.d = k.d",
                    rs -> out.put(keys.get(rs.getInt(1) - 1), new TaxRate(rs.getLong(2), rs.getString(3), rs.getBigDecimal(4))),
                    c.createArrayOf("numeric", products), c.createArrayOf("numeric", locations), c.createArrayOf("date", dates),
                    client(), client(), client());
        } catch (SQLException e) {
            throw SubscriptionException.hostFailure("Tax lookup failed: " + e.getMessage(), e);
        }
        return out;
    }

    private static long client() {
        return ReferenceHostContext.current().clientId();
    }
}
