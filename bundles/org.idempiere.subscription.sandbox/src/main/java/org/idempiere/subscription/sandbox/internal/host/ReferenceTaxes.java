package org.idempiere.subscription.sandbox.internal.host;

import java.time.LocalDate;
import java.util.Optional;
import org.idempiere.subscription.api.host.TaxRate;
import org.idempiere.subscription.api.host.Taxes;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.osgi.service.component.annotations.Component;

/**
 * The reference host's tax engine: the rate for the bill-to country (a rate for the location's
 * region wins over the country-wide one) and the product's tax category, valid on the date.
 */
@Component(service = Taxes.class)
public final class ReferenceTaxes implements Taxes {

    @Override
    public Optional<TaxRate> rateFor(Tx tx, long productId, long billToLocationId, LocalDate date) {
        return Rows.first(tx.connection(), "SELECT t.c_tax_id, t.name, t.rate FROM sbx_taxrate t"
                + " JOIN sbx_location l ON l.country_code = t.country_code AND (t.region IS NULL OR t.region = l.region)"
                + " JOIN sbx_product p ON p.tax_category = t.tax_category AND p.ad_client_id = t.ad_client_id"
                + " WHERE t.ad_client_id = ? AND l.c_bpartner_location_id = ? AND p.m_product_id = ? AND t.valid_from <= ?"
                + " ORDER BY (t.region IS NULL), t.valid_from DESC",
                rs -> new TaxRate(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3)),
                ReferenceHostContext.TENANT.clientId(), billToLocationId, productId, date);
    }
}
