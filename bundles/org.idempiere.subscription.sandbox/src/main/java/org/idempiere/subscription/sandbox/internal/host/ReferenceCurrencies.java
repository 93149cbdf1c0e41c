package org.idempiere.subscription.sandbox.internal.host;

import java.util.Optional;
import org.idempiere.subscription.api.host.CurrencyRef;
import org.idempiere.subscription.api.host.Currencies;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.osgi.service.component.annotations.Component;

/**
 * The currencies the reference host knows ({@code sbx_currency}). A currency's id and ISO code never
 * change once it exists, so those found are kept (as iDempiere caches its {@code MCurrency}): a
 * page or an invoice asks for the same few many times.
 */
@Component(service = Currencies.class)
public final class ReferenceCurrencies implements Currencies {
    private static final String SELECT = "SELECT c_currency_id, iso_code FROM sbx_currency ";
    private final java.util.Map<Long, CurrencyRef> byId = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, CurrencyRef> byIso = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public Optional<CurrencyRef> byIsoCode(Tx tx, String isoCode) {
        CurrencyRef known = isoCode == null ? null : byIso.get(isoCode);
        return known != null ? Optional.of(known)
                : keep(Rows.first(tx.connection(), SELECT + "WHERE iso_code = ?", ReferenceCurrencies::map, isoCode));
    }

    @Override
    public Optional<CurrencyRef> byId(Tx tx, long currencyId) {
        CurrencyRef known = byId.get(currencyId);
        return known != null ? Optional.of(known)
                : keep(Rows.first(tx.connection(), SELECT + "WHERE c_currency_id = ?", ReferenceCurrencies::map, currencyId));
    }

    private Optional<CurrencyRef> keep(Optional<CurrencyRef> found) {
        found.ifPresent(c -> {
            byId.put(c.id(), c);
            byIso.put(c.isoCode(), c);
        });
        return found;
    }

    @Override
    public CurrencyRef tenantCurrency(Tx tx) {
        return Rows.first(tx.connection(), "SELECT c.c_currency_id, c.iso_code FROM sbx_tenant t JOIN sbx_currency c"
                + " ON c.c_currency_id = t.c_currency_id WHERE t.ad_client_id = ?", ReferenceCurrencies::map,
                ReferenceHostContext.current().clientId()).orElseThrow();
    }

    /**
     * The rate valid on the date: the direct one with the latest valid-from on or before it, else
     * the inverse of the reverse one (1 / rate, 12 decimals).
     */
    @Override
    public Optional<java.math.BigDecimal> rate(Tx tx, long fromCurrencyId, long toCurrencyId, java.time.LocalDate date) {
        if (fromCurrencyId == toCurrencyId) {
            return Optional.of(java.math.BigDecimal.ONE);
        }
        String sql = "SELECT multiply_rate FROM sbx_conversion_rate WHERE ad_client_id = ? AND c_currency_id = ?"
                + " AND c_currency_id_to = ? AND valid_from <= ? ORDER BY valid_from DESC";
        long client = ReferenceHostContext.current().clientId();
        Optional<java.math.BigDecimal> direct = Rows.first(tx.connection(), sql, rs -> rs.getBigDecimal(1), client,
                fromCurrencyId, toCurrencyId, date);
        return direct.isPresent() ? direct : Rows.first(tx.connection(), sql, rs -> rs.getBigDecimal(1), client, toCurrencyId,
                fromCurrencyId, date).map(r -> java.math.BigDecimal.ONE.divide(r, 12, java.math.RoundingMode.HALF_UP));
    }

    private static CurrencyRef map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new CurrencyRef(rs.getLong(1), rs.getString(2).strip());
    }
}
