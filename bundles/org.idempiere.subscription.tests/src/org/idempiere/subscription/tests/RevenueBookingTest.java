package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.ChangesTest.clockTo;
import static org.idempiere.subscription.tests.ChangesTest.nextMonthOf;
import static org.idempiere.subscription.tests.Sandbox.context;
import static org.idempiere.subscription.tests.Sandbox.customer;
import static org.idempiere.subscription.tests.Sandbox.product;
import static org.idempiere.subscription.tests.Sandbox.rows;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeTiming;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.GeneralLedger;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.JournalDraft;
import org.idempiere.subscription.api.host.PostedJournal;
import org.idempiere.subscription.api.service.BillingScope;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.RevenueBookingReport;
import org.idempiere.subscription.api.service.RevenueBookingService;
import org.idempiere.subscription.api.service.RevenueMonth;
import org.idempiere.subscription.api.service.RevenueService;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceRegistration;

/**
 * Booking a month's recognized revenue on a real PostgreSQL, with a general ledger that records
 * the journals (the sandbox has none: the booking service exists only while one is registered).
 * The tenant's accounts are 9001 (deferred) and 9002 (recognized); the plan's, once set, 9101 and
 * 9102. Each currency's journal moves exactly the month's recognized revenue of the schedule;
 * booking again books nothing; moving a plan to its own accounts books only the move.
 */
class RevenueBookingTest {

    /** A general ledger that keeps what it is asked to book. */
    static final class RecordingLedger implements GeneralLedger {
        final List<JournalDraft> journals = new ArrayList<>();
        private final AtomicLong ids = new AtomicLong(7_000_000);

        @Override
        public PostedJournal post(org.idempiere.subscription.api.host.Tx tx, JournalDraft draft) {
            journals.add(draft);
            long id = ids.incrementAndGet();
            return new PostedJournal(id, "GLJ-" + id);
        }
    }

    @Test
    void aMonthIsBookedOnce_perCurrency_byItsRecognizedRevenue_andCorrectionsBookOnlyTheDifference() {
        LocalDate m = nextMonthOf(31);
        clockTo(m);
        long plan = service(TemplateService.class).create(new TemplateDraft(unique("Booked plan"), Optional.empty(),
                Recurrence.monthly(), BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty(), ChangeTiming.IMMEDIATE,
                List.of())).id();
        service(SubscriptionService.class).create(new SubscriptionDraft(plan, customer("DE"), "EUR", m, Optional.empty(),
                List.of(new LineDraft(product("31.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO))));
        service(BillingService.class).run(m, new BillingScope(Optional.of(plan), Optional.empty()));
        YearMonth month = YearMonth.from(m);
        clockTo(m.plusMonths(1));

        Map<String, BigDecimal> recognized = new TreeMap<>();
        for (RevenueMonth r : service(RevenueService.class).schedule(month, month, Optional.empty(), Optional.empty())) {
            if (r.recognized().signum() != 0) {
                recognized.put(r.currency(), r.recognized());
            }
        }
        assertTrue(recognized.getOrDefault("EUR", BigDecimal.ZERO).compareTo(new BigDecimal("31.00")) >= 0, recognized.toString());
        for (String other : recognized.keySet()) {
            if (!other.equals("EUR") && service(HostContext.class).inTransaction(tx -> service(
                    org.idempiere.subscription.api.host.Currencies.class).rate(tx, id(other), id("EUR"), month.atEndOfMonth())).isEmpty()) {
                service(org.idempiere.subscription.sandbox.internal.host.MasterData.class).createConversionRate(other, "EUR",
                        month.atDay(1), new BigDecimal("0.04"));
            }
        }

        RecordingLedger ledger = new RecordingLedger();
        ServiceRegistration<GeneralLedger> registration = context().registerService(GeneralLedger.class, ledger, null);
        HostContext host = service(HostContext.class);
        try {
            setting("SUBSCRIPTIONS_DEFERRED_REVENUE_ACCT", "9001");
            setting("SUBSCRIPTIONS_REVENUE_ACCT", "9002");
            RevenueBookingService booking = service(RevenueBookingService.class);

            SubscriptionException early = assertThrows(SubscriptionException.class, () -> booking.book(month.plusMonths(1)));
            assertEquals(ErrorCode.INVALID_VALUE, early.code());
            assertEquals(Optional.of("month"), early.field());

            RevenueBookingReport first = booking.book(month);
            assertEquals(recognized.keySet(), new java.util.TreeSet<>(first.journals().stream().map(j -> j.currency()).toList()));
            for (RevenueBookingReport.Journal j : first.journals()) {
                assertEquals(0, recognized.get(j.currency()).compareTo(j.amount()), j.toString());
            }
            JournalDraft eur = ledger.journals.get(first.journals().stream().map(RevenueBookingReport.Journal::currency).toList()
                    .indexOf("EUR"));
            assertEquals(month.atEndOfMonth(), eur.dateAcct());
            assertEquals(0, BigDecimal.ONE.compareTo(eur.currencyRate()), "EUR is the sandbox tenant's currency");
            BigDecimal amount = recognized.get("EUR");
            assertEquals(List.of("9001 Dr " + amount.abs(), "9002 Cr " + amount.abs()), lines(eur));
            assertEquals(List.of(month.atEndOfMonth() + "|" + amount + "|9001|9002"), rows("SELECT b.dateacct, b.recognizedamt,"
                    + " b.sub_deferredrevenue_acct, b.sub_revenue_acct FROM sub_revenuebooking b JOIN sbx_currency c"
                    + " ON c.c_currency_id = b.c_currency_id WHERE c.iso_code = 'EUR' AND b.dateacct = ?", month.atEndOfMonth()));

            assertEquals(List.of(), booking.book(month).journals(), "booked already, nothing changed: nothing is booked");
            assertEquals(first.journals().size(), ledger.journals.size());

            rows("UPDATE sub_template SET sub_deferredrevenue_acct = 9101, sub_revenue_acct = 9102 WHERE sub_template_id = ?"
                    + " RETURNING sub_template_id", plan);
            RevenueBookingReport moved = booking.book(month);
            assertEquals(1, moved.journals().size(), moved.toString());
            assertEquals(0, BigDecimal.ZERO.compareTo(moved.journals().get(0).amount()), "the plan's 31.00 moves between accounts");
            assertEquals(List.of("9002 Dr 31.00", "9001 Cr 31.00", "9101 Dr 31.00", "9102 Cr 31.00"),
                    lines(ledger.journals.get(ledger.journals.size() - 1)));
            assertEquals(List.of(), booking.book(month).journals());
        } finally {
            registration.unregister();
            host.inTransaction(tx -> org.idempiere.subscription.sandbox.internal.db.Rows.update(tx.connection(),
                    "DELETE FROM sbx_setting WHERE name IN ('SUBSCRIPTIONS_DEFERRED_REVENUE_ACCT', 'SUBSCRIPTIONS_REVENUE_ACCT')"));
        }
    }

    static long id(String iso) {
        HostContext host = service(HostContext.class);
        return host.inTransaction(tx -> service(org.idempiere.subscription.api.host.Currencies.class).byIsoCode(tx, iso)).orElseThrow().id();
    }

    static void setting(String name, String value) {
        service(HostContext.class).inTransaction(tx -> org.idempiere.subscription.sandbox.internal.db.Rows.update(tx.connection(),
                "INSERT INTO sbx_setting (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value", name, value));
    }

    static List<String> lines(JournalDraft d) {
        return d.lines().stream().map(l -> l.accountId() + (l.debit().signum() > 0 ? " Dr " + l.debit() : " Cr " + l.credit())).toList();
    }
}
