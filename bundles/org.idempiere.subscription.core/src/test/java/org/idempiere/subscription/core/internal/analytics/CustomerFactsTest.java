package org.idempiere.subscription.core.internal.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.idempiere.subscription.api.ChangeType;
import org.junit.jupiter.api.Test;

/**
 * The facts of one customer, written by hand. One subscription in EUR (currency 102), plan 10 then 11:
 *
 * <pre>
 *  2024-01-15 NEW          0 -> 100  plan 10
 *  2024-02-01 EXPANSION      -> 130  plan 10   (appended last, id 9: dated in the past)
 *  2024-03-01 EXPANSION      -> 150  plan 11   stored "before" 100, but the movement is 150 - 130 = 20, on plan 11;
 *                                              the 130 it had moves as a plan transfer: plan 10 -130, plan 11 +130
 *  2024-05-10 CONTRACTION    -> 0      pause: the customer stays active
 *  2024-06-10 EXPANSION      -> 150    resume
 *  2024-08-31 CHURN          -> 0      delinquent: the customer churns
 *  2024-10-01 REACTIVATION   -> 120    the customer is reactivated
 * </pre>
 */
class CustomerFactsTest {
    private static final long EUR = 102;

    private static LedgerRow row(long id, String day, ChangeType type, String after, long plan, boolean delinquent) {
        return new LedgerRow(id, 7, LocalDate.parse(day), type, new BigDecimal(after), EUR, plan, delinquent);
    }

    static List<LedgerRow> ledger() {
        return List.of(row(1, "2024-01-15", ChangeType.NEW, "100.00", 10, false),
                row(2, "2024-03-01", ChangeType.EXPANSION, "150.00", 11, false),
                row(3, "2024-05-10", ChangeType.CONTRACTION, "0.00", 11, false),
                row(4, "2024-06-10", ChangeType.EXPANSION, "150.00", 11, false),
                row(5, "2024-08-31", ChangeType.CHURN, "0.00", 11, true),
                row(6, "2024-10-01", ChangeType.REACTIVATION, "120.00", 11, false),
                row(9, "2024-02-01", ChangeType.EXPANSION, "130.00", 10, false));
    }

    private static Fact move(String day, long plan, String type, boolean delinquent) {
        return new Fact(Fact.MOVEMENT, LocalDate.parse(day), null, EUR, plan, type, delinquent);
    }

    private static Fact logo(String day, long plan, long currency, String type) {
        return new Fact(Fact.LOGOS, LocalDate.parse(day), null, currency, plan, type, false);
    }

    private static Contribution amt(String a) {
        return new Contribution(new BigDecimal(a), 0);
    }

    private static Contribution n(long c) {
        return new Contribution(BigDecimal.ZERO, c);
    }

    @Test
    void movements_telescope_fromThePreviousEntry_andAPlanChangeTransfersThePreviousMrr() {
        Map<Fact, Contribution> f = CustomerFacts.of(ledger());
        Map<Fact, Contribution> expected = new HashMap<>();
        expected.put(move("2024-01-15", 10, "NW", false), amt("100.00"));
        expected.put(move("2024-02-01", 10, "EX", false), amt("30.00"));
        expected.put(move("2024-03-01", 10, "PT", false), amt("-130.00"));
        expected.put(move("2024-03-01", 11, "PT", false), amt("130.00"));
        expected.put(move("2024-03-01", 11, "EX", false), amt("20.00"));
        expected.put(move("2024-05-10", 11, "CT", false), amt("-150.00"));
        expected.put(move("2024-06-10", 11, "EX", false), amt("150.00"));
        expected.put(move("2024-08-31", 11, "CH", true), amt("-150.00"));
        expected.put(move("2024-10-01", 11, "RA", false), amt("120.00"));
        // subscriptions with MRR: the backdated expansion changes nothing (one subscription before and after)
        for (String[] u : new String[][] {{"2024-01-15", "10", "1"}, {"2024-03-01", "10", "-1"}, {"2024-03-01", "11", "1"},
                {"2024-05-10", "11", "-1"}, {"2024-06-10", "11", "1"}, {"2024-08-31", "11", "-1"}, {"2024-10-01", "11", "1"}}) {
            expected.put(new Fact(Fact.SUBSCRIPTIONS, LocalDate.parse(u[0]), null, EUR, Long.parseLong(u[1]), null, false), n(Long.parseLong(u[2])));
        }
        // logos overall and per currency: new, churned (the pause is not churn), reactivated
        for (long currency : new long[] {0, EUR}) {
            expected.put(logo("2024-01-15", 0, currency, "NW"), n(1));
            expected.put(logo("2024-08-31", 0, currency, "CH"), n(1));
            expected.put(logo("2024-10-01", 0, currency, "RA"), n(1));
            expected.put(logo("2024-01-15", 10, currency, "NW"), n(1));
            expected.put(logo("2024-03-01", 10, currency, "CH"), n(1));
            expected.put(logo("2024-03-01", 11, currency, "NW"), n(1));
            expected.put(logo("2024-08-31", 11, currency, "CH"), n(1));
            expected.put(logo("2024-10-01", 11, currency, "RA"), n(1));
        }
        LocalDate jan = LocalDate.parse("2024-01-01");
        expected.put(new Fact(Fact.COHORT_SIZE, null, jan, 0, 0, null, false), n(1));
        expected.put(new Fact(Fact.COHORT_ACTIVE, jan, jan, 0, 0, null, false), n(1));
        expected.put(new Fact(Fact.COHORT_ACTIVE, LocalDate.parse("2024-08-01"), jan, 0, 0, null, false), n(-1));
        expected.put(new Fact(Fact.COHORT_ACTIVE, LocalDate.parse("2024-10-01"), jan, 0, 0, null, false), n(1));
        for (String[] c : new String[][] {{"2024-01-01", "100.00"}, {"2024-02-01", "30.00"}, {"2024-03-01", "20.00"},
                {"2024-05-01", "-150.00"}, {"2024-06-01", "150.00"}, {"2024-08-01", "-150.00"}, {"2024-10-01", "120.00"}}) {
            expected.put(new Fact(Fact.COHORT_MRR, LocalDate.parse(c[0]), jan, EUR, 0, null, false), amt(c[1]));
        }
        assertEquals(new java.util.TreeMap<>(Fact.ORDER) {{ putAll(expected); }}.toString(),
                new java.util.TreeMap<>(Fact.ORDER) {{ putAll(f); }}.toString());
    }

    @Test
    void aCurrencyTransfer_movesEachCurrencyWhole_andKeepsTheCustomerActive() {
        List<LedgerRow> rows = new ArrayList<>();
        rows.add(new LedgerRow(1, 7, LocalDate.parse("2024-01-01"), ChangeType.NEW, new BigDecimal("100.00"), EUR, 10, false));
        rows.add(new LedgerRow(2, 7, LocalDate.parse("2024-04-01"), ChangeType.CURRENCY_TRANSFER, new BigDecimal("0.00"), EUR, 10, false));
        rows.add(new LedgerRow(3, 7, LocalDate.parse("2024-04-01"), ChangeType.CURRENCY_TRANSFER, new BigDecimal("2500.00"), 103, 10, false));
        Map<Fact, Contribution> f = CustomerFacts.of(rows);
        assertEquals(amt("-100.00"), f.get(new Fact(Fact.MOVEMENT, LocalDate.parse("2024-04-01"), null, EUR, 10, "CU", false)));
        assertEquals(amt("2500.00"), f.get(new Fact(Fact.MOVEMENT, LocalDate.parse("2024-04-01"), null, 103, 10, "CU", false)));
        assertEquals(null, f.get(logo("2024-04-01", 0, 0, "CH")), "no churn of the customer");
        assertEquals(n(1), f.get(logo("2024-04-01", 0, EUR, "CH")), "the customer leaves the EUR view");
        assertEquals(n(1), f.get(logo("2024-04-01", 0, 103, "NW")), "and is new in the CZK view");
    }

    /**
     * A change of plan at the same MRR (a PLAN_TRANSFER entry, before = after = 80.00) on 2024-04-01 while paused and
     * then while active: the MRR moves from plan 10 to plan 11 that day and nothing else moves; the customer and the
     * subscription follow the plan; a pause stays a pause across the change.
     */
    @Test
    void aPlanTransfer_movesTheMrrBetweenPlans_andNothingElse() {
        List<LedgerRow> rows = List.of(row(1, "2024-01-01", ChangeType.NEW, "80.00", 10, false),
                row(2, "2024-04-01", ChangeType.PLAN_TRANSFER, "80.00", 11, false),
                row(3, "2024-05-01", ChangeType.CONTRACTION, "0.00", 11, false),
                row(4, "2024-05-10", ChangeType.PLAN_TRANSFER, "0.00", 10, false),
                row(5, "2024-06-01", ChangeType.EXPANSION, "80.00", 10, false));
        Map<Fact, Contribution> f = CustomerFacts.of(rows);
        assertEquals(amt("-80.00"), f.get(move("2024-04-01", 10, "PT", false)));
        assertEquals(amt("80.00"), f.get(move("2024-04-01", 11, "PT", false)));
        assertEquals(null, f.get(move("2024-05-10", 10, "PT", false)), "no MRR to move while paused");
        assertEquals(List.of("2024-01-01 10 NW 80.00", "2024-04-01 10 PT -80.00", "2024-04-01 11 PT 80.00", "2024-05-01 11 CT -80.00",
                "2024-06-01 10 EX 80.00"), f.entrySet().stream().filter(e -> e.getKey().kind() == Fact.MOVEMENT)
                .sorted(Map.Entry.comparingByKey(Fact.ORDER)).map(e -> e.getKey().day() + " " + e.getKey().templateId() + " "
                        + e.getKey().type() + " " + e.getValue().amount()).toList());
        assertEquals(n(-1), f.get(new Fact(Fact.SUBSCRIPTIONS, LocalDate.parse("2024-04-01"), null, EUR, 10, null, false)));
        assertEquals(n(1), f.get(new Fact(Fact.SUBSCRIPTIONS, LocalDate.parse("2024-04-01"), null, EUR, 11, null, false)));
        assertEquals(null, f.get(logo("2024-04-01", 0, 0, "CH")), "the customer stays");
        assertEquals(n(1), f.get(logo("2024-04-01", 10, 0, "CH")), "leaves plan 10's customers");
        assertEquals(n(1), f.get(logo("2024-04-01", 11, 0, "NW")), "and is new on plan 11");
        assertEquals(n(1), f.get(logo("2024-05-10", 10, 0, "RA")), "paused, moved back: still a customer, of plan 10 again");
        assertEquals(n(1), f.get(logo("2024-05-10", 11, 0, "CH")));
        assertEquals(List.of(), f.keySet().stream().filter(k -> k.kind() == Fact.LOGOS && k.templateId() == 0 && k.currencyId() == 0
                && !k.day().equals(LocalDate.parse("2024-01-01"))).toList(), "overall: one new customer, never churned");
    }

    /** A free subscription (MRR 0) that is paused is not a customer: only a subscription that was active stays active when paused. */
    @Test
    void aPauseOfAFreeSubscription_makesNoCustomer() {
        Map<Fact, Contribution> f = CustomerFacts.of(List.of(row(1, "2024-01-01", ChangeType.NEW, "0.00", 10, false),
                row(2, "2024-02-01", ChangeType.CONTRACTION, "0.00", 10, false)));
        assertEquals(List.of(), f.keySet().stream().filter(k -> k.kind() == Fact.LOGOS).toList());
    }

    @Test
    void difference_isWhatMustBeAdded_andTextRoundTrips() {
        Map<Fact, Contribution> before = CustomerFacts.of(ledger().subList(0, 3));
        Map<Fact, Contribution> now = CustomerFacts.of(ledger());
        Map<Fact, Contribution> d = CustomerFacts.difference(before, now);
        Map<Fact, Contribution> sum = new HashMap<>(before);
        d.forEach((k, v) -> sum.merge(k, v, Contribution::plus));
        sum.values().removeIf(Contribution::isZero);
        assertEquals(CustomerFacts.encode(now), CustomerFacts.encode(sum));
        assertEquals(CustomerFacts.encode(now), CustomerFacts.encode(CustomerFacts.decode(CustomerFacts.encode(now))));
        assertTrue(CustomerFacts.difference(now, now).isEmpty());
    }
}
