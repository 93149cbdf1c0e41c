package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.customer;
import static org.idempiere.subscription.tests.Sandbox.d;
import static org.idempiere.subscription.tests.Sandbox.product;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.idempiere.subscription.api.host.InvoiceView;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.idempiere.subscription.sandbox.internal.host.TestClock;
import org.junit.jupiter.api.Test;

/**
 * Pause, resume, close and reactivate on a timeline driven by the test clock, with the invoices
 * and the MRR ledger each step leaves.
 */
class LifecycleTest {

    private static void clock(String date) throws Exception {
        TestClock clock = service(TestClock.class);
        LocalDate target = d(date);
        if (LocalDate.now(clock).isBefore(target)) {
            clock.setDate(target);
        }
        assertEquals(target, LocalDate.now(clock), "the test clock is past " + date + " already");
    }

    /*
     * Monthly in advance from 1 January 2041, 10.00 a month:
     *
     *   Jan 1 inv 10.00 | Jan 10 pause: credit Jan 10-31 | Mar 20 resume | Mar 20 inv Mar 20-31 | Apr 1 inv
     *   | Apr 15 close ... Jun 1 reactivate | Jun 1 inv
     *   ledger:  NW 0→10   CT 10→0           EX 0→10                  CH 10→0            RA 0→10
     *
     * The credit: round(10.00 × 22/31) = 7.10; the charge for March from the 20th: round(10.00 × 12/31) = 3.87.
     */
    @Test
    void pauseResumeCloseReactivate_billServedDaysOnly_andBookEachMove() throws Exception {
        TemplateService templates = service(TemplateService.class);
        SubscriptionService subscriptions = service(SubscriptionService.class);
        BillingService billing = service(BillingService.class);
        long monthly = templates.create(new TemplateDraft("Lifecycle monthly", Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE)).id();
        Subscription s = subscriptions.create(new SubscriptionDraft(monthly, customer("DE"), "EUR", d("2041-01-01"),
                Optional.empty(), List.of(new LineDraft(product("10.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO))));
        long id = s.id();

        clock("2041-01-10");
        billing.run(d("2041-01-10"));
        Subscription paused = subscriptions.pause(id);
        assertEquals(SubscriptionStatus.PAUSED, paused.status());
        assertEquals(new BigDecimal("0.00"), paused.mrr().amount());
        assertEquals(Optional.of(d("2041-01-10")), paused.pausedOn());
        assertEquals(Optional.empty(), paused.nextInvoiceDate(), "January was billed in advance: nothing served is unbilled");
        assertRefused(() -> subscriptions.pause(id));
        assertRefused(() -> subscriptions.reactivate(id));
        billing.run(d("2041-03-19"));
        assertEquals(List.of("2041-01-01 2041-01-01..2041-01-31 10.00", "2041-01-10 2041-01-10..2041-01-31 -7.10"),
                invoiced(billing, id), "the unused days credited, nothing billed while paused");

        clock("2041-03-20");
        Subscription resumed = subscriptions.resume(id);
        assertEquals(SubscriptionStatus.ACTIVE, resumed.status());
        assertEquals(Optional.empty(), resumed.pausedOn());
        assertEquals(Optional.of(d("2041-03-20")), resumed.nextInvoiceDate(), "the rest of March, invoiced today");
        assertEquals(new BigDecimal("10.00"), resumed.mrr().amount());
        assertRefused(() -> subscriptions.resume(id));
        billing.run(d("2041-04-01"));
        assertEquals(List.of("2041-01-01 2041-01-01..2041-01-31 10.00", "2041-01-10 2041-01-10..2041-01-31 -7.10",
                "2041-03-20 2041-03-20..2041-03-31 3.87", "2041-04-01 2041-04-01..2041-04-30 10.00"), invoiced(billing, id));

        clock("2041-04-15");
        subscriptions.close(id, "Budget cut");
        clock("2041-06-01");
        Subscription back = subscriptions.reactivate(id);
        assertEquals(SubscriptionStatus.ACTIVE, back.status());
        assertEquals(Optional.empty(), back.dateClosed());
        assertEquals(Optional.empty(), back.closeReason());
        assertEquals(Optional.of(d("2041-06-01")), back.nextInvoiceDate());
        billing.run(d("2041-06-01"));
        assertEquals(5, billing.invoicesOf(id).size());

        assertEquals(List.of("2041-01-01|NW|0.00|10.00", "2041-01-10|CT|10.00|0.00", "2041-03-20|EX|0.00|10.00",
                "2041-04-15|CH|10.00|0.00", "2041-06-01|RA|0.00|10.00"), Sandbox.rows("SELECT datetrx, changetype, mrrbefore,"
                        + " mrrafter FROM sub_changelog WHERE sub_subscription_id = ? ORDER BY sub_changelog_id", id));
    }

    /** "dateInvoiced periodStart..periodEnd net" per invoice line, invoices in order. */
    static List<String> invoiced(BillingService billing, long subscriptionId) {
        List<String> out = new java.util.ArrayList<>();
        for (InvoiceView i : billing.invoicesOf(subscriptionId)) {
            for (InvoiceView.Line l : i.lines()) {
                out.add(i.dateInvoiced() + " " + l.periodStart() + ".." + l.periodEnd() + " " + l.lineNet());
            }
        }
        return out;
    }

    private static void assertRefused(org.junit.jupiter.api.function.Executable call) {
        SubscriptionException e = assertThrows(SubscriptionException.class, call);
        assertEquals(ErrorCode.INVALID_STATE, e.code());
        assertEquals("status", e.field().orElseThrow());
    }
}
