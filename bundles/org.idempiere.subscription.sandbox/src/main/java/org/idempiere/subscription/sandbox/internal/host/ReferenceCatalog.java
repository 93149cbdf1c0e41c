package org.idempiere.subscription.sandbox.internal.host;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.Product;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.osgi.service.component.annotations.Component;

/** Products and dated prices of the reference host. */
@Component(service = Catalog.class)
public final class ReferenceCatalog implements Catalog {

    @Override
    public Optional<Product> product(Tx tx, long productId) {
        return Rows.first(tx.connection(), "SELECT m_product_id, name, c_uom_id FROM sbx_product"
                + " WHERE ad_client_id = ? AND m_product_id = ?",
                rs -> new Product(rs.getLong(1), rs.getString(2), rs.getLong(3)),
                ReferenceHostContext.current().clientId(), productId);
    }

    /** The products in one statement. */
    @Override
    public Map<Long, Product> products(Tx tx, Collection<Long> productIds) {
        Map<Long, Product> out = new HashMap<>();
        if (!productIds.isEmpty()) {
            Rows.list(tx.connection(), "SELECT m_product_id, name, c_uom_id FROM sbx_product WHERE ad_client_id = ?"
                    + " AND m_product_id = ANY(?)", rs -> out.put(rs.getLong(1), new Product(rs.getLong(1), rs.getString(2),
                            rs.getLong(3))), ReferenceHostContext.current().clientId(), Rows.ids(tx.connection(), productIds));
        }
        return out;
    }

    @Override
    public Optional<Long> defaultPriceList(Tx tx, long currencyId) {
        return Rows.first(tx.connection(), "SELECT m_pricelist_id FROM sbx_pricelist WHERE ad_client_id = ?"
                + " AND c_currency_id = ? AND is_default = 'Y'", rs -> rs.getLong(1),
                ReferenceHostContext.current().clientId(), currencyId);
    }

    @Override
    public Optional<BigDecimal> unitsPerUom(Tx tx, long productId, long uomId) {
        Optional<Long> own = Rows.first(tx.connection(), "SELECT c_uom_id FROM sbx_product WHERE ad_client_id = ?"
                + " AND m_product_id = ?", rs -> rs.getLong(1), ReferenceHostContext.current().clientId(), productId);
        if (own.isEmpty()) {
            return Optional.empty();
        }
        if (own.get() == uomId) {
            return Optional.of(BigDecimal.ONE);
        }
        return Rows.first(tx.connection(), "SELECT product_units FROM sbx_uom_conversion WHERE m_product_id = ? AND c_uom_id = ?",
                rs -> rs.getBigDecimal(1), productId, uomId);
    }

    @Override
    public Optional<Long> priceListCurrency(Tx tx, long priceListId) {
        return Rows.first(tx.connection(), "SELECT c_currency_id FROM sbx_pricelist WHERE ad_client_id = ?"
                + " AND m_pricelist_id = ?", rs -> rs.getLong(1), ReferenceHostContext.current().clientId(), priceListId);
    }

    /** All the prices in one query: for each key the price with the latest valid-from on or before its date. */
    @Override
    public Map<PriceKey, BigDecimal> prices(Tx tx, Collection<PriceKey> keys) {
        List<PriceKey> list = List.copyOf(keys);
        Object[] lists = new Object[list.size()];
        Object[] products = new Object[list.size()];
        Object[] dates = new Object[list.size()];
        for (int i = 0; i < list.size(); i++) {
            lists[i] = list.get(i).priceListId();
            products[i] = list.get(i).productId();
            dates[i] = java.sql.Date.valueOf(list.get(i).date());
        }
        Map<PriceKey, BigDecimal> out = new HashMap<>();
        try {
            java.sql.Connection c = tx.connection();
            Rows.list(c, "SELECT k.i, p.price FROM unnest(?, ?, ?) WITH ORDINALITY AS k(pricelist, product, d, i)"
                    + " JOIN LATERAL (SELECT pp.price FROM sbx_productprice pp JOIN sbx_pricelist pl"
                    + " ON pl.m_pricelist_id = pp.m_pricelist_id WHERE pl.ad_client_id = ? AND pp.m_pricelist_id = k.pricelist"
                    + " AND pp.m_product_id = k.product AND pp.valid_from <= k.d ORDER BY pp.valid_from DESC LIMIT 1) p ON true",
                    rs -> out.put(list.get(rs.getInt(1) - 1), rs.getBigDecimal(2)),
                    c.createArrayOf("numeric", lists), c.createArrayOf("numeric", products), c.createArrayOf("date", dates),
                    ReferenceHostContext.current().clientId());
        } catch (java.sql.SQLException e) {
            throw org.idempiere.subscription.api.SubscriptionException.hostFailure("Price lookup failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** The price valid on {@code date}: the one with the latest valid-from on or before it. */
    @Override
    public Optional<BigDecimal> price(Tx tx, long priceListId, long productId, LocalDate date) {
        return Rows.first(tx.connection(), "SELECT pp.price FROM sbx_productprice pp JOIN sbx_pricelist pl"
                + " ON pl.m_pricelist_id = pp.m_pricelist_id WHERE pl.ad_client_id = ? AND pp.m_pricelist_id = ?"
                + " AND pp.m_product_id = ? AND pp.valid_from <= ? ORDER BY pp.valid_from DESC",
                rs -> rs.getBigDecimal(1), ReferenceHostContext.current().clientId(), priceListId, productId, date);
    }
}
