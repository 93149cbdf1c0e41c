package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.d;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.Currencies;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.sandbox.internal.host.MasterData;
import org.junit.jupiter.api.Test;

/** Conversion rates of the reference host: dated, direct or inverse, 1 within a currency. */
class CurrenciesTest {

    @Test
    void rate_isTheOneValidOnTheDate_directOrInverse() {
        HostContext host = service(HostContext.class);
        Currencies currencies = service(Currencies.class);
        MasterData data = service(MasterData.class);
        long eur = host.inTransaction(tx -> currencies.byIsoCode(tx, "EUR").orElseThrow().id());
        long chf = host.inTransaction(tx -> currencies.byIsoCode(tx, "CHF").orElseThrow().id());
        long gbp = host.inTransaction(tx -> currencies.byIsoCode(tx, "GBP").orElseThrow().id());
        data.createConversionRate("CHF", "EUR", d("2030-01-01"), new BigDecimal("1.05"));
        data.createConversionRate("CHF", "EUR", d("2031-01-01"), new BigDecimal("1.10"));

        assertEquals(Optional.of(BigDecimal.ONE), host.inTransaction(tx -> currencies.rate(tx, eur, eur, d("2030-06-01"))));
        assertEquals(Optional.of(new BigDecimal("1.05")), host.inTransaction(tx -> currencies.rate(tx, chf, eur, d("2030-06-01"))));
        assertEquals(Optional.of(new BigDecimal("1.10")), host.inTransaction(tx -> currencies.rate(tx, chf, eur, d("2031-06-01"))));
        assertEquals(Optional.of(new BigDecimal("0.909090909091")),
                host.inTransaction(tx -> currencies.rate(tx, eur, chf, d("2031-06-01"))));
        assertEquals(Optional.empty(), host.inTransaction(tx -> currencies.rate(tx, chf, eur, d("2029-12-31"))));
        assertEquals(Optional.empty(), host.inTransaction(tx -> currencies.rate(tx, chf, gbp, d("2031-06-01"))));

        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> data.createConversionRate("CHF", "EUR", d("2030-01-01"), new BigDecimal("1.2")));
        assertEquals("validFrom", e.field().orElseThrow());
        assertEquals("rate", assertThrows(SubscriptionException.class,
                () -> data.createConversionRate("CHF", "GBP", d("2030-01-01"), BigDecimal.ZERO)).field().orElseThrow());
    }
}
