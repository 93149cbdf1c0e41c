package org.idempiere.subscription.core.internal.analytics;

import java.time.LocalDate;
import java.util.Currency;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.CurrencyRef;
import org.idempiere.subscription.api.host.Currencies;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.service.AnalyticsService;
import org.idempiere.subscription.api.service.MrrSnapshot;
import org.idempiere.subscription.core.internal.CurrencyLookup;
import org.idempiere.subscription.core.internal.store.ChangeLogStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Analytics read from the change log with set-based SQL. */
@Component(service = AnalyticsService.class)
public final class AnalyticsServiceImpl implements AnalyticsService {
    private final HostContext host;
    private final CurrencyLookup currencies;
    private final Currencies hostCurrencies;
    private final ChangeLogStore changeLog = new ChangeLogStore();

    @Activate
    public AnalyticsServiceImpl(@Reference HostContext host, @Reference Currencies currencies) {
        this.host = host;
        this.currencies = new CurrencyLookup(currencies);
        this.hostCurrencies = currencies;
    }

    @Override
    public MrrSnapshot mrr(LocalDate date, String currency) {
        if (date == null) {
            throw SubscriptionException.required("date");
        }
        return host.inTransaction(tx -> {
            CurrencyRef ref = currency == null ? hostCurrencies.tenantCurrency(tx)
                    : currencies.byIsoCode(tx, "currency", currency);
            ChangeLogStore.MrrTotal total = changeLog.mrrAt(tx.connection(), host.tenant(), date, ref.id());
            return new MrrSnapshot(date, ref.isoCode(),
                    Money.of(total.mrr(), Currency.getInstance(ref.isoCode())).amount(), total.subscriptions());
        });
    }
}
