package org.idempiere.subscription.core.internal.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import org.idempiere.subscription.api.ChangeType;
import org.idempiere.subscription.api.Money;
import org.junit.jupiter.api.Test;

/** Which MRR movement each move is, and from what to what. */
class LedgerTest {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency CZK = Currency.getInstance("CZK");

    private static Money eur(String amount) {
        return Money.of(new BigDecimal(amount), EUR);
    }

    private static String text(Ledger.Entry e) {
        return e.type() + " " + e.before().amount() + " " + e.before().currency() + " -> " + e.after().amount() + " "
                + e.after().currency() + " @" + e.currencyId() + " " + e.description();
    }

    /* EUR 148.00 a month becomes CZK 3,700.00: the EUR series ends, the CZK series starts, no churn, no new */
    @Test
    void currencyTransfer_twoEntriesOneCurrencyEach() {
        List<Ledger.Entry> entries = Ledger.currencyTransfer(eur("148.00"), 102, Money.of(new BigDecimal("3700.00"), CZK), 103);
        assertEquals(List.of("CURRENCY_TRANSFER 148.00 EUR -> 0.00 EUR @102 Currency changed to CZK",
                "CURRENCY_TRANSFER 0.00 CZK -> 3700.00 CZK @103 Currency changed from EUR"), entries.stream().map(LedgerTest::text).toList());
    }

    @Test
    void change_isExpansionContractionOrNothing() {
        assertEquals(ChangeType.EXPANSION, Ledger.changed(eur("10.00"), eur("10.01"), 102, "up").orElseThrow().type());
        assertEquals(ChangeType.CONTRACTION, Ledger.changed(eur("10.00"), eur("9.99"), 102, "down").orElseThrow().type());
        assertTrue(Ledger.changed(eur("10.00"), eur("10.0"), 102, "same").isEmpty());
    }

    /* decision 0053: a change of plan at the same MRR is a plan transfer, before = after; the same MRR without a new plan is nothing */
    @Test
    void changeOfPlanAtTheSameMrr_isAPlanTransfer() {
        assertEquals("PLAN_TRANSFER 10.00 EUR -> 10.00 EUR @102 to Gold", text(Ledger.changed(eur("10.00"), eur("10.00"), 102, "to Gold",
                true).orElseThrow()));
        assertEquals(ChangeType.EXPANSION, Ledger.changed(eur("10.00"), eur("12.00"), 102, "to Gold", true).orElseThrow().type());
        assertTrue(Ledger.changed(eur("10.00"), eur("10.00"), 102, "same plan", false).isEmpty());
    }

    /* decision 0054: a negative MRR counts as 0.00, so every move is measured from and to zero */
    @Test
    void aNegativeMrr_countsAsZero() {
        assertEquals("0.00", Ledger.counted(eur("-20.00")).amount().toPlainString());
        assertEquals("20.00", Ledger.counted(eur("20.00")).amount().toPlainString());
        assertEquals("NEW 0.00 EUR -> 0.00 EUR @102 Subscription started", text(Ledger.started(eur("-20.00"), 102)));
        assertEquals("CONTRACTION 40.00 EUR -> 0.00 EUR @102 credit x 3", text(Ledger.changed(eur("40.00"), eur("-80.00"), 102,
                "credit x 3").orElseThrow()));
        assertEquals("EXPANSION 0.00 EUR -> 40.00 EUR @102 credit x 1", text(Ledger.changed(eur("-80.00"), eur("40.00"), 102,
                "credit x 1").orElseThrow()));
        assertTrue(Ledger.changed(eur("-80.00"), eur("-20.00"), 102, "still negative").isEmpty(), "from 0.00 to 0.00: no move");
        assertEquals("CHURN 0.00 EUR -> 0.00 EUR @102 closed", text(Ledger.churned(eur("-20.00"), 102, "closed")));
        assertEquals("REACTIVATION 0.00 EUR -> 0.00 EUR @102 Reactivated", text(Ledger.reactivated(eur("0.00"), eur("-5.00"), 102)));
    }

    @Test
    void moves_churnPauseResumeReactivateStartVoid() {
        assertEquals("CHURN 148.00 EUR -> 0.00 EUR @102 Term ended", text(Ledger.churned(eur("148.00"), 102, "Term ended")));
        assertEquals("CONTRACTION 148.00 EUR -> 0.00 EUR @102 Paused", text(Ledger.paused(eur("148.00"), 102)));
        assertEquals("EXPANSION 0.00 EUR -> 148.00 EUR @102 Resumed", text(Ledger.resumed(eur("0.00"), eur("148.00"), 102)));
        assertEquals("REACTIVATION 0.00 EUR -> 150.00 EUR @102 Reactivated",
                text(Ledger.reactivated(eur("0.00"), eur("150.00"), 102)));
        assertEquals("NEW 0.00 EUR -> 148.00 EUR @102 Subscription started", text(Ledger.started(eur("148.00"), 102)));
        assertEquals("NEW 148.00 EUR -> 0.00 EUR @102 voided", text(Ledger.voided(eur("148.00"), 102, "voided")));
    }

    @Test
    void description_cutAt255() {
        String why = "x".repeat(300);
        assertEquals(255, Ledger.churned(eur("1.00"), 102, why).description().length());
        assertTrue(Ledger.churned(eur("1.00"), 102, why).description().endsWith("..."));
    }
}
