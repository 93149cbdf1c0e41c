package org.idempiere.subscription.sandbox.internal.host;

import java.util.Optional;
import org.idempiere.subscription.api.host.CurrencyRef;
import org.idempiere.subscription.api.host.Currencies;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.osgi.service.component.annotations.Component;

/** The currencies the reference host knows ({@code sbx_currency}). */
@Component(service = Currencies.class)
public final class ReferenceCurrencies implements Currencies {
    private static final String SELECT = "SELECT c_currency_id, iso_code FROM sbx_currency ";

    @Override
    public Optional<CurrencyRef> byIsoCode(Tx tx, String isoCode) {
        return Rows.first(tx.connection(), SELECT + "WHERE iso_code = ?", ReferenceCurrencies::map, isoCode);
    }

    @Override
    public Optional<CurrencyRef> byId(Tx tx, long currencyId) {
        return Rows.first(tx.connection(), SELECT + "WHERE c_currency_id = ?", ReferenceCurrencies::map, currencyId);
    }

    @Override
    public CurrencyRef tenantCurrency(Tx tx) {
        return Rows.first(tx.connection(), "SELECT c.c_currency_id, c.iso_code FROM sbx_tenant t JOIN sbx_currency c"
                + " ON c.c_currency_id = t.c_currency_id WHERE t.ad_client_id = ?", ReferenceCurrencies::map,
                ReferenceHostContext.TENANT.clientId()).orElseThrow();
    }

    private static CurrencyRef map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new CurrencyRef(rs.getLong(1), rs.getString(2).strip());
    }
}
