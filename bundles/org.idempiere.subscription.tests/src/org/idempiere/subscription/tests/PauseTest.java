package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.ChangesTest.clockTo;
import static org.idempiere.subscription.tests.ChangesTest.nextMonthOf;
import static org.idempiere.subscription.tests.Sandbox.customer;
import static org.idempiere.subscription.tests.Sandbox.d;
import static org.idempiere.subscription.tests.Sandbox.product;
import static org.idempiere.subscription.tests.Sandbox.rows;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.idempiere.subscription.api.host.InvoiceView;
import org.idempiere.subscription.api.service.BillingScope;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.InvoicePreview;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.junit.jupiter.api.Test;

/**
 * Pauses and reactivations as timelines with hand-computed invoices: only days served are billed. A pause ends the
 * lines the day before (in advance the unused days of a billed period are credited), days served
 * before it stay billable by the run, a resume starts the lines again from its day (the rest of
 * that period prorated), and periods that fell wholly into a pause are not invoiced. Monthly,
 * 30.00 a month, in 30-day months: one day is 1.00. The test clock only moves forward.
 */
class PauseTest {

    private static long plan(BillingTiming billing) {
        return service(TemplateService.class).create(new TemplateDraft(unique("Pause plan"), Optional.empty(),
                Recurrence.monthly(), billing)).id();
    }

    private static Subscription subscribe(long plan, LocalDate start) {
        return service(SubscriptionService.class).create(new SubscriptionDraft(plan, customer("DE"), "EUR", start,
                Optional.empty(), List.of(new LineDraft(product("30.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO))));
    }

    private static void bill(long plan, LocalDate asOf) {
        service(BillingService.class).run(asOf, new BillingScope(Optional.of(plan), Optional.empty()));
    }

    private static SubscriptionService subscriptions() {
        return service(SubscriptionService.class);
    }

    /** "dateInvoiced periodStart..periodEnd net" per invoice line, invoices in order. */
    private static List<String> invoiced(long subscriptionId) {
        List<String> out = new ArrayList<>();
        for (InvoiceView i : service(BillingService.class).invoicesOf(subscriptionId)) {
            for (InvoiceView.Line l : i.lines()) {
                out.add(i.dateInvoiced() + " " + l.periodStart() + ".." + l.periodEnd() + " " + l.lineNet());
            }
        }
        return out;
    }

    /** The first day of the first 30-day month after the month of {@code day}. */
    private static LocalDate thirtyDayMonthAfter(LocalDate day) {
        LocalDate p = day.withDayOfMonth(1).plusMonths(1);
        while (p.lengthOfMonth() != 30) {
            p = p.plusMonths(1);
        }
        return p;
    }

    /** A plan with a fixed term of {@code periods} months that does not renew. */
    private static long termPlan(String name, int periods, BillingTiming billing) {
        return service(TemplateService.class).create(new TemplateDraft(unique(name), Optional.empty(), Recurrence.monthly(),
                billing, Optional.of(new org.idempiere.subscription.api.service.Term(periods, false)))).id();
    }

    private static String inv(LocalDate invoiced, LocalDate from, LocalDate to, String net) {
        return invoiced + " " + from + ".." + to + " " + net;
    }

    private static List<String> ledger(long subscriptionId) {
        return rows("SELECT datetrx, changetype, mrrbefore, mrrafter FROM sub_changelog WHERE sub_subscription_id = ?"
                + " ORDER BY sub_changelog_id", subscriptionId);
    }

    /*
     * In arrears from M1 (30 days). Pause M11, resume M21, both before M's invoice date: the invoice
     * of M on N1 charges the days served, M1..M10 and M21..M30, 10.00 each.
     */
    @Test
    void inArrears_pauseAndResumeInOnePeriod_billsBothStretches() {
        LocalDate m = nextMonthOf(30);
        LocalDate n = m.plusMonths(1);
        clockTo(m);
        long plan = plan(BillingTiming.IN_ARREARS);
        long id = subscribe(plan, m).id();

        clockTo(m.plusDays(10));
        Subscription paused = subscriptions().pause(id);
        assertEquals(Optional.of(m.plusDays(10)), paused.pausedOn());
        assertEquals(Optional.of(n), paused.nextInvoiceDate(), "M1..M10 were served and are not billed yet");
        clockTo(m.plusDays(20));
        Subscription resumed = subscriptions().resume(id);
        assertEquals(Optional.of(n), resumed.nextInvoiceDate());
        assertEquals(Optional.empty(), resumed.pausedOn());

        clockTo(n);
        bill(plan, n);
        assertEquals(List.of(inv(n, m, m.plusDays(9), "10.00"), inv(n, m.plusDays(20), m.plusDays(29), "10.00")), invoiced(id));
        assertEquals(List.of(m + "|NW|0.00|30.00", m.plusDays(10) + "|CT|30.00|0.00", m.plusDays(20) + "|EX|0.00|30.00"),
                ledger(id));
    }

    /*
     * In arrears from M1 (30 days), paused M11 and left paused: the run on N1 bills M1..M10 (10.00)
     * although it is paused, then nothing. Resumed on day 16 of a later 30-day month P: P16..P30 is
     * billed on its invoice date (15.00); the months in between are not invoiced.
     */
    @Test
    void inArrears_servedDaysBilledWhilePaused_thenFromTheResume() {
        LocalDate m = nextMonthOf(30);
        LocalDate n = m.plusMonths(1);
        clockTo(m);
        long plan = plan(BillingTiming.IN_ARREARS);
        long id = subscribe(plan, m).id();
        clockTo(m.plusDays(10));
        subscriptions().pause(id);

        clockTo(n);
        bill(plan, n);
        Subscription paused = subscriptions().find(id).orElseThrow();
        assertEquals(SubscriptionStatus.PAUSED, paused.status());
        assertEquals(Optional.empty(), paused.nextInvoiceDate(), "nothing served is left to bill");
        bill(plan, n.plusMonths(1));
        assertEquals(List.of(inv(n, m, m.plusDays(9), "10.00")), invoiced(id));

        LocalDate p = nextMonthOf(30);
        clockTo(p.plusDays(15));
        assertEquals(Optional.of(p.plusMonths(1)), subscriptions().resume(id).nextInvoiceDate());
        clockTo(p.plusMonths(1));
        bill(plan, p.plusMonths(1));
        assertEquals(List.of(inv(n, m, m.plusDays(9), "10.00"), inv(p.plusMonths(1), p.plusDays(15), p.plusDays(29), "15.00")),
                invoiced(id));
    }

    /*
     * In advance from M1 (30 days): M1 30.00. Pause M11: credit M11..M30 (-20.00), dated M11.
     * Resume M21: charge M21..M30 (10.00), dated M21; next N1. Net for M: 20.00 for 20 days served.
     */
    @Test
    void inAdvance_pauseCreditsUnusedDays_resumeChargesTheRest() {
        LocalDate m = nextMonthOf(30);
        LocalDate n = m.plusMonths(1);
        clockTo(m);
        long plan = plan(BillingTiming.IN_ADVANCE);
        long id = subscribe(plan, m).id();
        bill(plan, m);

        clockTo(m.plusDays(10));
        assertEquals(Optional.empty(), subscriptions().pause(id).nextInvoiceDate());
        clockTo(m.plusDays(20));
        assertEquals(Optional.of(n), subscriptions().resume(id).nextInvoiceDate());
        clockTo(n);
        bill(plan, n);
        assertEquals(List.of(inv(m, m, m.plusDays(29), "30.00"), inv(m.plusDays(10), m.plusDays(10), m.plusDays(29), "-20.00"),
                inv(m.plusDays(20), m.plusDays(20), m.plusDays(29), "10.00"),
                inv(n, n, n.plusMonths(1).minusDays(1), "30.00")), invoiced(id));
        List<String> changes = subscriptions().changesOf(id).stream()
                .map(c -> c.effectiveDate() + " " + c.status() + " " + c.adjustmentNet() + " " + c.description().orElse(""))
                .toList();
        assertEquals(List.of(m.plusDays(10) + " APPLIED -20.00 Paused: 1 line(s) ended",
                m.plusDays(20) + " APPLIED 10.00 Resumed: 1 line(s) started"), changes);
    }

    /*
     * In advance from M1, no run yet. Pause M11: M was served M1..M10 and is not billed, so the
     * next invoice date stays M1; the run bills those days only (10.00) and stops. Closed while
     * paused, it can be reactivated at once (nothing served is unbilled).
     */
    @Test
    void inAdvance_laggingRun_billsTheDaysBeforeThePause() {
        LocalDate m = nextMonthOf(30);
        clockTo(m);
        long plan = plan(BillingTiming.IN_ADVANCE);
        long id = subscribe(plan, m).id();
        clockTo(m.plusDays(10));
        assertEquals(Optional.of(m), subscriptions().pause(id).nextInvoiceDate());
        bill(plan, m.plusDays(10));
        assertEquals(List.of(inv(m, m, m.plusDays(9), "10.00")), invoiced(id));
        assertEquals(Optional.empty(), subscriptions().find(id).orElseThrow().nextInvoiceDate());

        clockTo(m.plusDays(14));
        subscriptions().close(id, "Moved away");
        assertEquals(SubscriptionStatus.ACTIVE, subscriptions().reactivate(id).status());
    }

    /*
     * In arrears from M1, paused M11, closed M15 while paused: M1..M10 stays billable, and
     * reactivating waits for it. The run on N1 bills 10.00; then the reactivation starts the lines
     * again from N1 (MRR back to 30.00) and N is billed in full.
     */
    @Test
    void inArrears_closedWhilePaused_keepsTheServedDays() {
        LocalDate m = nextMonthOf(30);
        LocalDate n = m.plusMonths(1);
        clockTo(m);
        long plan = plan(BillingTiming.IN_ARREARS);
        long id = subscribe(plan, m).id();
        clockTo(m.plusDays(10));
        subscriptions().pause(id);
        clockTo(m.plusDays(14));
        Subscription closed = subscriptions().close(id, "Budget cut");
        assertEquals(Optional.of(n), closed.nextInvoiceDate());
        assertEquals(Optional.of(m.plusDays(10)), closed.pausedOn());
        SubscriptionException early = assertThrows(SubscriptionException.class, () -> subscriptions().reactivate(id));
        assertEquals(Optional.of("nextInvoiceDate"), early.field());

        clockTo(n);
        bill(plan, n);
        assertEquals(List.of(inv(n, m, m.plusDays(9), "10.00")), invoiced(id));
        Subscription back = subscriptions().reactivate(id);
        assertEquals(new BigDecimal("30.00"), back.mrr().amount());
        assertEquals(Optional.of(n.plusMonths(1)), back.nextInvoiceDate());
        clockTo(n.plusMonths(1));
        bill(plan, n.plusMonths(1));
        assertEquals(List.of(inv(n, m, m.plusDays(9), "10.00"), inv(n.plusMonths(1), n, n.plusMonths(1).minusDays(1), "30.00")),
                invoiced(id));
        assertEquals(List.of(m + "|NW|0.00|30.00", m.plusDays(10) + "|CT|30.00|0.00", m.plusDays(14) + "|CH|0.00|0.00",
                n + "|RA|0.00|30.00"), ledger(id));
    }

    /*
     * In arrears from M1, paused M11 with no run; resumed on day 16 of a later 30-day month P. The
     * days before the pause come first: the preview shows N1's invoice for M1..M10, and one run
     * bills it and then P16..P30, skipping the months that fell wholly into the pause.
     */
    @Test
    void inArrears_resumedBeforeTheServedDaysWereBilled_skipsThePausedMonths() {
        LocalDate m = nextMonthOf(30);
        LocalDate n = m.plusMonths(1);
        clockTo(m);
        long plan = plan(BillingTiming.IN_ARREARS);
        long id = subscribe(plan, m).id();
        clockTo(m.plusDays(10));
        subscriptions().pause(id);
        LocalDate p = thirtyDayMonthAfter(n); // a 30-day month at least a month after the pause
        clockTo(p.plusDays(15));
        assertEquals(Optional.of(n), subscriptions().resume(id).nextInvoiceDate());
        InvoicePreview preview = service(BillingService.class).preview(id);
        assertEquals(n, preview.dateInvoiced());
        assertEquals(new BigDecimal("10.00"), preview.totalLines());

        LocalDate after = p.plusMonths(1);
        clockTo(after);
        bill(plan, after);
        assertEquals(List.of(inv(n, m, m.plusDays(9), "10.00"), inv(after, p.plusDays(15), p.plusDays(29), "15.00")),
                invoiced(id));
    }

    /* A subscription that has not started cannot be paused; refused with the field named, nothing changed. */
    @Test
    void pauseBeforeTheStart_isRefused() {
        LocalDate m = nextMonthOf(30);
        long plan = plan(BillingTiming.IN_ADVANCE);
        long id = subscribe(plan, m.plusMonths(1)).id();
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> subscriptions().pause(id));
        assertEquals(ErrorCode.INVALID_STATE, e.code());
        assertEquals(Optional.of("startDate"), e.field());
        Subscription s = subscriptions().find(id).orElseThrow();
        assertEquals(SubscriptionStatus.ACTIVE, s.status());
        assertEquals(1, ledger(id).size());
        assertEquals(List.of(), subscriptions().changesOf(id));
        assertEquals(d(m.plusMonths(1).toString()), s.nextInvoiceDate().orElseThrow());
    }

    /*
     * In advance from M1: M1 30.00. Closed M11 (nothing credited) and reactivated M21: M was paid
     * in full, so nothing is charged again; billing goes on with N. Closed again on N11 and
     * reactivated on day 16 of a later 30-day month P: P16..P30 is invoiced that day (15.00).
     */
    @Test
    void reactivation_billsFromTheDay_andNeverChargesAPaidPeriodAgain() {
        LocalDate m = nextMonthOf(30);
        LocalDate n = m.plusMonths(1);
        clockTo(m);
        long plan = plan(BillingTiming.IN_ADVANCE);
        long id = subscribe(plan, m).id();
        bill(plan, m);
        clockTo(m.plusDays(10));
        subscriptions().close(id, "Trying another provider");
        clockTo(m.plusDays(20));
        Subscription back = subscriptions().reactivate(id);
        assertEquals(Optional.of(n), back.nextInvoiceDate());
        assertEquals(new BigDecimal("30.00"), back.mrr().amount());
        clockTo(n.plusDays(10));
        bill(plan, n.plusDays(10));
        subscriptions().close(id, "Trying another provider again");

        LocalDate p = thirtyDayMonthAfter(n);
        clockTo(p.plusDays(15));
        assertEquals(Optional.of(p.plusDays(15)), subscriptions().reactivate(id).nextInvoiceDate());
        bill(plan, p.plusDays(15));
        assertEquals(List.of(inv(m, m, m.plusDays(29), "30.00"), inv(n, n, n.plusMonths(1).minusDays(1), "30.00"),
                inv(p.plusDays(15), p.plusDays(15), p.plusDays(29), "15.00")), invoiced(id));
        assertEquals(List.of(m + "|NW|0.00|30.00", m.plusDays(10) + "|CH|30.00|0.00", m.plusDays(20) + "|RA|0.00|30.00",
                n.plusDays(10) + "|CH|30.00|0.00", p.plusDays(15) + "|RA|0.00|30.00"), ledger(id));
    }

    /*
     * A fixed term of two months that does not renew, in advance from M1: it expires on M+2 1st.
     * Reactivated on day 16 of a later 30-day month P, it starts a new term containing that day
     * and is billed from it (15.00), instead of expiring again at once.
     */
    @Test
    void reactivatingAnExpiredTerm_startsTheTermThatContainsTheDay() {
        LocalDate m = nextMonthOf(30);
        clockTo(m);
        long plan = termPlan("Two months", 2, BillingTiming.IN_ADVANCE);
        long id = subscribe(plan, m).id();
        LocalDate ended = m.plusMonths(2);
        clockTo(ended);
        bill(plan, ended);
        assertEquals(SubscriptionStatus.CLOSED, subscriptions().find(id).orElseThrow().status());

        LocalDate p = thirtyDayMonthAfter(ended);
        clockTo(p.plusDays(15));
        Subscription back = subscriptions().reactivate(id);
        assertEquals(SubscriptionStatus.ACTIVE, back.status());
        LocalDate termEnd = back.termEndDate().orElseThrow();
        assertTrue(!termEnd.isBefore(p.plusDays(15)), "the new term contains the reactivation day: " + termEnd);
        bill(plan, p.plusDays(15));
        assertEquals(SubscriptionStatus.ACTIVE, subscriptions().find(id).orElseThrow().status());
        List<String> invoices = invoiced(id);
        assertEquals(inv(p.plusDays(15), p.plusDays(15), p.plusDays(29), "15.00"), invoices.get(invoices.size() - 1));
        assertEquals(3, invoices.size(), invoices.toString());
    }

    /*
     * Paused on its first day, before any invoice: the setup fee (15.00) is still due and billed
     * by the run; nothing recurring is. A fixed term that ran out while paused cannot be resumed
     * (close, then reactivate). The preview shows a paused subscription's invoice still due.
     */
    @Test
    void pausedOnTheFirstDay_billsTheSetupFee_andATermThatRanOutIsNotResumed() {
        LocalDate m = nextMonthOf(30);
        clockTo(m);
        long plan = termPlan("Two months", 2, BillingTiming.IN_ARREARS);
        long id = subscriptions().create(new SubscriptionDraft(plan, customer("DE"), "EUR", m, Optional.empty(), List.of(
                new LineDraft(product("30.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO),
                new LineDraft(product("15.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO, true)))).id();
        Subscription paused = subscriptions().pause(id);
        assertEquals(Optional.of(m.plusMonths(1)), paused.nextInvoiceDate(), "the setup fee is still due");
        assertEquals(m.plusMonths(1), service(BillingService.class).preview(id).dateInvoiced());
        assertEquals(new BigDecimal("15.00"), service(BillingService.class).preview(id).totalLines());

        clockTo(m.plusMonths(1));
        bill(plan, m.plusMonths(1));
        assertEquals(List.of(inv(m.plusMonths(1), m, m.plusMonths(1).minusDays(1), "15.00")), invoiced(id));
        assertEquals(Optional.empty(), subscriptions().find(id).orElseThrow().nextInvoiceDate());

        clockTo(m.plusMonths(2).plusDays(5)); // the two-month term ended while paused
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> subscriptions().resume(id));
        assertEquals(Optional.of("termEndDate"), e.field());
        assertEquals(SubscriptionStatus.PAUSED, subscriptions().find(id).orElseThrow().status());
        subscriptions().close(id, "Term over");
        assertEquals(SubscriptionStatus.ACTIVE, subscriptions().reactivate(id).status());
    }

    /*
     * In arrears, a run billing ahead invoiced M up to the close on M11; reactivating later in M
     * would leave M's rest unbillable, so it is refused, naming the day it can be done.
     */
    @Test
    void reactivationInsideAnArrearsPeriodBilledAhead_isRefused() {
        LocalDate m = nextMonthOf(30);
        LocalDate n = m.plusMonths(1);
        clockTo(m);
        long plan = plan(BillingTiming.IN_ARREARS);
        long id = subscribe(plan, m).id();
        clockTo(m.plusDays(10));
        subscriptions().close(id, "Moved");
        bill(plan, n); // billing ahead: M1..M10 on N1
        assertEquals(List.of(inv(n, m, m.plusDays(9), "10.00")), invoiced(id));
        clockTo(m.plusDays(20));
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> subscriptions().reactivate(id));
        assertEquals(Optional.of("dateClosed"), e.field());
        assertTrue(e.getMessage().contains(n.toString()), e.getMessage());
        assertEquals(SubscriptionStatus.CLOSED, subscriptions().find(id).orElseThrow().status());
        clockTo(n);
        assertEquals(SubscriptionStatus.ACTIVE, subscriptions().reactivate(id).status());
    }

    /*
     * A change pending when the subscription is closed names lines that end at the close: a
     * reactivation before its day cancels it (it would otherwise bring the old lines back), and
     * the month is billed once at the old quantity. In advance, 30.00 a month, from M1.
     */
    @Test
    void aPendingChange_isCancelledByAReactivationBeforeItsDay() {
        LocalDate m = nextMonthOf(30);
        LocalDate n = m.plusMonths(1);
        clockTo(m);
        long plan = plan(BillingTiming.IN_ADVANCE);
        Subscription s = subscribe(plan, m);
        bill(plan, m);
        subscriptions().change(s.id(), new org.idempiere.subscription.api.service.ChangeDraft(Optional.of(n), Optional.empty(),
                List.of(new org.idempiere.subscription.api.service.LineChange.Update(s.lines().get(0).id(),
                        Optional.of(new BigDecimal("2")), Optional.empty(), Optional.empty()))));
        clockTo(m.plusDays(10));
        subscriptions().close(s.id(), "Mistake");
        clockTo(m.plusDays(11));
        subscriptions().reactivate(s.id());
        org.idempiere.subscription.api.service.SubscriptionChange change = subscriptions().changesOf(s.id()).stream()
                .filter(c -> c.effectiveDate().equals(n)).findFirst().orElseThrow();
        assertEquals(org.idempiere.subscription.api.ChangeStatus.CANCELLED, change.status());
        assertTrue(change.description().orElseThrow().contains("CLOSED"), change.toString());
        clockTo(n);
        bill(plan, n);
        assertEquals(List.of(inv(m, m, m.plusDays(29), "30.00"), inv(n, n, n.plusMonths(1).minusDays(1), "30.00")), invoiced(s.id()));
        assertEquals(new BigDecimal("30.00"), subscriptions().find(s.id()).orElseThrow().mrr().amount());
    }

    /*
     * A run billing ahead expires a one-month term on its last day + 1, a day still to come: the
     * subscription cannot be reactivated before that day (the ledger would have its churn after
     * the reactivation), and can on it.
     */
    @Test
    void reactivationBeforeAFutureCloseDate_isRefused() {
        LocalDate m = nextMonthOf(30);
        LocalDate n = m.plusMonths(1);
        clockTo(m);
        long plan = termPlan("One month", 1, BillingTiming.IN_ADVANCE);
        long id = subscribe(plan, m).id();
        bill(plan, n); // ahead: M billed, the term ends, closed on N1
        assertEquals(Optional.of(n), subscriptions().find(id).orElseThrow().dateClosed());
        clockTo(m.plusDays(20));
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> subscriptions().reactivate(id));
        assertEquals(Optional.of("dateClosed"), e.field());
        clockTo(n);
        assertEquals(SubscriptionStatus.ACTIVE, subscriptions().reactivate(id).status());
        bill(plan, n);
        assertEquals(List.of(inv(m, m, m.plusDays(29), "30.00"), inv(n, n, n.plusMonths(1).minusDays(1), "30.00")), invoiced(id));
    }

    /*
     * Closed on its first day before any invoice, then reactivated on day 16 of a later 30-day
     * month P: the setup fee (15.00) is charged with P's days from the 16th (15.00).
     */
    @Test
    void closedOnTheFirstDayThenReactivated_chargesTheSetupFeeOnce() {
        LocalDate m = nextMonthOf(30);
        clockTo(m);
        long plan = plan(BillingTiming.IN_ADVANCE);
        long id = subscriptions().create(new SubscriptionDraft(plan, customer("DE"), "EUR", m, Optional.empty(), List.of(
                new LineDraft(product("30.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO),
                new LineDraft(product("15.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO, true)))).id();
        assertEquals(Optional.empty(), subscriptions().close(id, "Changed my mind").nextInvoiceDate());
        LocalDate p = thirtyDayMonthAfter(m);
        clockTo(p.plusDays(15));
        subscriptions().reactivate(id);
        bill(plan, p.plusDays(15));
        bill(plan, p.plusDays(15));
        // one invoice (a re-run adds nothing): P's days from the 16th, and the setup fee with P
        assertEquals(java.util.Set.of(inv(p.plusDays(15), p.plusDays(15), p.plusDays(29), "15.00"),
                inv(p.plusDays(15), p, p.plusDays(29), "15.00")), new java.util.HashSet<>(invoiced(id)));
        assertEquals(2, invoiced(id).size());
    }
}
