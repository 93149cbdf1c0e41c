package org.idempiere.subscription.plugin.host;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import org.compiere.model.MClient;
import org.compiere.model.MConversionRate;
import org.compiere.model.MCurrency;
import org.compiere.util.Env;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.CurrencyRef;
import org.idempiere.subscription.api.host.Currencies;
import org.idempiere.subscription.api.host.Tx;
import org.osgi.service.component.annotations.Component;

/**
 * Currencies over {@code MCurrency}: the active currencies of the system or the tenant; the
 * tenant's own currency is the one of its primary accounting schema ({@code MClient.getC_Currency_ID},
 * read from {@code AD_ClientInfo}).
 */
@Component(service = Currencies.class)
public final class IdempiereCurrencies implements Currencies {

    @Override
    public Optional<CurrencyRef> byIsoCode(Tx tx, String isoCode) {
        if (isoCode == null || isoCode.isBlank()) {
            return Optional.empty();
        }
        Properties ctx = Env.getCtx();
        return usable(ctx, MCurrency.get(ctx, isoCode.strip()));
    }

    /** {@code MConversionRate.getRate} with the tenant's default conversion type; null (no rate) is empty. */
    @Override
    public Optional<java.math.BigDecimal> rate(Tx tx, long fromCurrencyId, long toCurrencyId, java.time.LocalDate date) {
        if (fromCurrencyId == toCurrencyId) {
            return Optional.of(java.math.BigDecimal.ONE);
        }
        Properties ctx = Env.getCtx();
        return Optional.ofNullable(MConversionRate.getRate(Ids.require("fromCurrencyId", fromCurrencyId),
                Ids.require("toCurrencyId", toCurrencyId), java.sql.Timestamp.valueOf(date.atStartOfDay()), 0,
                Env.getAD_Client_ID(ctx), Env.getAD_Org_ID(ctx)));
    }

    @Override
    public Optional<CurrencyRef> byId(Tx tx, long currencyId) {
        OptionalInt id = Ids.lookup(currencyId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Properties ctx = Env.getCtx();
        return usable(ctx, MCurrency.get(ctx, id.getAsInt()));
    }

    @Override
    public CurrencyRef tenantCurrency(Tx tx) {
        Properties ctx = Env.getCtx();
        int currencyId = MClient.get(ctx).getC_Currency_ID();
        return (currencyId > 0 ? usable(ctx, MCurrency.get(ctx, currencyId)) : Optional.<CurrencyRef>empty())
                .orElseThrow(() -> SubscriptionException.hostFailure("Tenant " + Env.getAD_Client_ID(ctx)
                        + " has no accounting schema currency (AD_ClientInfo.C_AcctSchema1_ID)", null));
    }

    private static Optional<CurrencyRef> usable(Properties ctx, MCurrency currency) {
        if (currency == null || !currency.isActive()
                || (currency.getAD_Client_ID() != 0 && currency.getAD_Client_ID() != Env.getAD_Client_ID(ctx))) {
            return Optional.empty();
        }
        return Optional.of(new CurrencyRef(currency.getC_Currency_ID(), currency.getISO_Code().strip()));
    }
}
