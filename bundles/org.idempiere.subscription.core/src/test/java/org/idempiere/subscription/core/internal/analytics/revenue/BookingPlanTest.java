package org.idempiere.subscription.core.internal.analytics.revenue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.JournalDraft.JournalLineDraft;
import org.idempiere.subscription.core.internal.analytics.revenue.BookingPlan.Accounts;
import org.idempiere.subscription.core.internal.analytics.revenue.BookingPlan.Key;
import org.junit.jupiter.api.Test;

/**
 * Booking a month: plan 1 books to its own accounts (11 deferred, 12 revenue), plan 2 and plans
 * without accounts to the tenant's (21, 22). Recognized in the month: EUR plan 1 100.00, plan 2
 * 40.00, plan 3 -5.00 (a credit); CZK plan 2 250.00.
 */
class BookingPlanTest {
    private static final Accounts PLAN = new Accounts(11, 12);
    private static final Accounts TENANT = new Accounts(21, 22);

    private static Map<String, Map<Long, BigDecimal>> recognized() {
        Map<String, Map<Long, BigDecimal>> r = new LinkedHashMap<>();
        r.put("EUR", new LinkedHashMap<>(Map.of(1L, new BigDecimal("100.00"), 2L, new BigDecimal("40.00"), 3L, new BigDecimal("-5.00"))));
        r.put("CZK", new LinkedHashMap<>(Map.of(2L, new BigDecimal("250.00"))));
        return r;
    }

    @Test
    void firstBooking_booksEachCurrencyToThePlansOrTheTenantsAccounts() {
        Map<Key, BigDecimal> toBook = BookingPlan.toBook(recognized(), Map.of(1L, PLAN), Optional.of(TENANT), Map.of());
        assertEquals(List.of("CZK 21/22 250.00", "EUR 11/12 100.00", "EUR 21/22 35.00"), text(toBook));
    }

    @Test
    void bookingAgain_booksNothing_andACorrectionOnlyTheDifference() {
        Map<Key, BigDecimal> first = BookingPlan.toBook(recognized(), Map.of(1L, PLAN), Optional.of(TENANT), Map.of());
        assertEquals(Map.of(), BookingPlan.toBook(recognized(), Map.of(1L, PLAN), Optional.of(TENANT), first), "idempotent");
        Map<String, Map<Long, BigDecimal>> later = recognized();
        later.get("EUR").put(1L, new BigDecimal("93.50")); // a backdated credit of 6.50 in the month
        assertEquals(List.of("EUR 11/12 -6.50"), text(BookingPlan.toBook(later, Map.of(1L, PLAN), Optional.of(TENANT), first)));
        // plan 1 moved to other accounts since: its booking is taken back from the old ones and made on the new
        assertEquals(List.of("EUR 11/12 -100.00", "EUR 31/32 100.00"), text(BookingPlan.toBook(recognized(),
                Map.of(1L, new Accounts(31, 32)), Optional.of(TENANT), first)));
    }

    @Test
    void aPlanWithRevenueAndNoAccounts_withoutTenantDefaults_isRefused_namingIt() {
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> BookingPlan.toBook(recognized(), Map.of(1L, PLAN), Optional.empty(), Map.of()));
        assertEquals(ErrorCode.INVALID_STATE, e.code());
        assertEquals(Optional.of("SUB_Revenue_Acct"), e.field());
        Map<String, Map<Long, BigDecimal>> onlyPlan1 = Map.of("EUR", Map.of(1L, new BigDecimal("100.00"), 2L, BigDecimal.ZERO));
        assertEquals(List.of("EUR 11/12 100.00"), text(BookingPlan.toBook(onlyPlan1, Map.of(1L, PLAN), Optional.empty(), Map.of())),
                "a plan with nothing to book needs no accounts");
    }

    @Test
    void lines_debitDeferredAndCreditRevenue_theOtherWayForACredit_andBalance() {
        Map<Accounts, BigDecimal> amounts = new LinkedHashMap<>();
        amounts.put(PLAN, new BigDecimal("100.00"));
        amounts.put(TENANT, new BigDecimal("-5.00"));
        List<JournalLineDraft> lines = BookingPlan.lines(amounts, "April");
        assertEquals(List.of("11 Dr 100.00", "12 Cr 100.00", "22 Dr 5.00", "21 Cr 5.00"), lines.stream()
                .map(l -> l.accountId() + (l.debit().signum() > 0 ? " Dr " + l.debit() : " Cr " + l.credit())).toList());
        assertEquals(lines.stream().map(JournalLineDraft::debit).reduce(BigDecimal.ZERO, BigDecimal::add),
                lines.stream().map(JournalLineDraft::credit).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    @Test
    void tenantAccounts_bothOrNeither_asPositiveIds() {
        assertEquals(Optional.of(TENANT), BookingPlan.tenantAccounts(Optional.of("21"), Optional.of(" 22 ")));
        assertEquals(Optional.empty(), BookingPlan.tenantAccounts(Optional.empty(), Optional.of("")));
        SubscriptionException alone = assertThrows(SubscriptionException.class,
                () -> BookingPlan.tenantAccounts(Optional.of("21"), Optional.empty()));
        assertEquals(Optional.of(BookingPlan.REVENUE_SETTING), alone.field());
        SubscriptionException text = assertThrows(SubscriptionException.class,
                () -> BookingPlan.tenantAccounts(Optional.of("Deferred"), Optional.of("22")));
        assertEquals(Optional.of(BookingPlan.DEFERRED_SETTING), text.field());
    }

    private static List<String> text(Map<Key, BigDecimal> toBook) {
        Map<Key, BigDecimal> ordered = new HashMap<>(toBook);
        return ordered.entrySet().stream().map(e -> e.getKey().currency() + " " + e.getKey().accounts().deferredId() + "/"
                + e.getKey().accounts().revenueId() + " " + e.getValue().toPlainString()).sorted().toList();
    }
}
