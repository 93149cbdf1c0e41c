package org.idempiere.subscription.sandbox.internal.host;

import java.math.BigDecimal;
import java.time.LocalDate;
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
                ReferenceHostContext.TENANT.clientId(), productId);
    }

    @Override
    public Optional<Long> defaultPriceList(Tx tx, long currencyId) {
        return Rows.first(tx.connection(), "SELECT m_pricelist_id FROM sbx_pricelist WHERE ad_client_id = ?"
                + " AND c_currency_id = ? AND is_default = 'Y'", rs -> rs.getLong(1),
                ReferenceHostContext.TENANT.clientId(), currencyId);
    }

    /** The price valid on {@code date}: the one with the latest valid-from on or before it. */
    @Override
    public Optional<BigDecimal> price(Tx tx, long priceListId, long productId, LocalDate date) {
        return Rows.first(tx.connection(), "SELECT pp.price FROM sbx_productprice pp JOIN sbx_pricelist pl"
                + " ON pl.m_pricelist_id = pp.m_pricelist_id WHERE pl.ad_client_id = ? AND pp.m_pricelist_id = ?"
                + " AND pp.m_product_id = ? AND pp.valid_from <= ? ORDER BY pp.valid_from DESC",
                rs -> rs.getBigDecimal(1), ReferenceHostContext.TENANT.clientId(), priceListId, productId, date);
    }
}
