package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.ChangesTest.clockTo;
import static org.idempiere.subscription.tests.ChangesTest.nextMonthOf;
import static org.idempiere.subscription.tests.Sandbox.count;
import static org.idempiere.subscription.tests.Sandbox.customer;
import static org.idempiere.subscription.tests.Sandbox.product;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeStatus;
import org.idempiere.subscription.api.ChangeTiming;
import org.idempiere.subscription.api.CustomerPermission;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.PriceUpdate;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.InvoiceView;
import org.idempiere.subscription.api.service.BillingScope;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.ChangeDraft;
import org.idempiere.subscription.api.service.ChangePreview;
import org.idempiere.subscription.api.service.CustomerTerms;
import org.idempiere.subscription.api.service.LineChange;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionChange;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.junit.jupiter.api.Test;

/**
 * Previews of changes (what the portal shows before a customer confirms): hand-computed, equal to
 * what the change then does, and writing nothing; refused exactly as the change would be.
 * Monthly in advance, one line of 31.00 to a customer in Germany (VAT 19 %).
 */
class ChangePreviewTest {

    private static long plan(ChangeTiming timing, CustomerTerms customer) {
        return service(TemplateService.class).create(new TemplateDraft(unique("Preview plan"), Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty(), timing, PriceUpdate.AT_RENEWAL, Optional.empty(),
                customer, List.of())).id();
    }

    private static Subscription subscribe(long plan, LocalDate start, long product) {
        return service(SubscriptionService.class).create(new SubscriptionDraft(plan, customer("DE"), "EUR", start, Optional.empty(),
                List.of(new LineDraft(product, BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO))));
    }

    private static void bill(long plan, LocalDate asOf) {
        service(BillingService.class).run(asOf, new BillingScope(Optional.of(plan), Optional.empty()));
    }

    private static ChangeDraft toQuantity(Subscription s, String qty) {
        return new ChangeDraft(Optional.empty(), Optional.empty(), List.of(new LineChange.Update(s.lines().get(0).id(),
                Optional.of(new BigDecimal(qty)), Optional.empty(), Optional.empty())));
    }

    private static long written(long subscriptionId) {
        return count("SELECT (SELECT count(*) FROM SUB_Change WHERE SUB_Subscription_ID = ?)"
                + " + (SELECT count(*) FROM SUB_SubscriptionLine WHERE SUB_Subscription_ID = ?)"
                + " + (SELECT count(*) FROM SUB_ChangeLog WHERE SUB_Subscription_ID = ?)"
                + " + (SELECT count(*) FROM SUB_BillingItem WHERE SUB_Subscription_ID = ?)", subscriptionId, subscriptionId,
                subscriptionId, subscriptionId);
    }

    private static void assertAmount(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), "expected " + expected + ", was " + actual);
    }

    /*
     * Billed for month M (31 days); on day 11 an upgrade to 3: the adjustment credits 1 x 21.00 for
     * days 11..31 and charges 3 x 21.00 for them, 42.00 net, VAT 7.98, 49.98; MRR 31.00 -> 93.00;
     * the next invoice, on the 1st of M+1, 3 x 31.00 = 93.00 + 17.67 VAT = 110.67.
     */
    @Test
    void anUpgradeMidPeriod_isPreviewedAsTheChangeThenBillsIt_andThePreviewWritesNothing() {
        LocalDate m = nextMonthOf(31);
        LocalDate day11 = m.plusDays(10);
        LocalDate mEnd = m.plusMonths(1).minusDays(1);
        clockTo(m);
        long plan = plan(ChangeTiming.IMMEDIATE, CustomerTerms.NONE);
        Subscription s = subscribe(plan, m, product("31.00"));
        bill(plan, m);
        clockTo(day11);

        long before = written(s.id());
        ChangePreview p = service(BillingService.class).previewChange(s.id(), toQuantity(s, "3"));
        assertEquals(before, written(s.id()), "a preview writes nothing");
        assertEquals(day11, p.effectiveDate());
        ChangePreview.Adjustment a = p.adjustment().orElseThrow();
        assertEquals(day11, a.dateInvoiced());
        assertEquals(List.of("true 1 -21.00 " + day11 + ".." + mEnd, "false 3 63.00 " + day11 + ".." + mEnd),
                a.lines().stream().map(l -> l.credit() + " " + l.quantity().stripTrailingZeros().toPlainString() + " "
                        + l.lineNet() + " " + l.days().start() + ".." + l.days().end()).toList());
        assertAmount("42.00", a.totalLines());
        assertAmount("7.98", a.estimatedTax());
        assertAmount("49.98", a.estimatedTotal());
        assertAmount("31.00", p.mrrBefore().amount());
        assertAmount("93.00", p.mrrAfter().amount());
        assertEquals(m.plusMonths(1), p.nextInvoice().orElseThrow().dateInvoiced());
        assertAmount("93.00", p.nextInvoice().get().totalLines());
        assertAmount("110.67", p.nextInvoice().get().estimatedTotal());

        SubscriptionChange c = service(SubscriptionService.class).change(s.id(), toQuantity(s, "3"));
        assertEquals(ChangeStatus.APPLIED, c.status());
        assertAmount("42.00", c.adjustmentNet());
        InvoiceView adjustment = service(BillingService.class).invoicesOf(s.id()).get(1);
        assertAmount(a.estimatedTotal().toPlainString(), adjustment.grandTotal());
        assertAmount("93.00", service(SubscriptionService.class).find(s.id()).orElseThrow().mrr().amount());
        assertAmount(p.nextInvoice().get().estimatedTotal().toPlainString(),
                service(BillingService.class).preview(s.id()).estimatedTotal());
    }

    /* A plan changing at the next period: no adjustment now; the next invoice carries the new quantity. */
    @Test
    void aChangeAtTheNextPeriod_hasNoAdjustment_andPricesTheNextInvoice() {
        LocalDate m = nextMonthOf(31);
        clockTo(m);
        long plan = plan(ChangeTiming.NEXT_PERIOD, CustomerTerms.NONE);
        Subscription s = subscribe(plan, m, product("31.00"));
        bill(plan, m);
        clockTo(m.plusDays(5));
        ChangePreview p = service(BillingService.class).previewChange(s.id(), toQuantity(s, "2"));
        assertEquals(m.plusMonths(1), p.effectiveDate());
        assertEquals(Optional.empty(), p.adjustment());
        assertAmount("62.00", p.mrrAfter().amount());
        assertAmount("62.00", p.nextInvoice().orElseThrow().totalLines());
    }

    /* The customer's preview is refused as the customer's change is: a downgrade under upgrade-only. */
    @Test
    void aCustomersPreview_isRefusedAsTheirChangeWouldBe() {
        LocalDate m = nextMonthOf(31);
        clockTo(m);
        long plan = plan(ChangeTiming.IMMEDIATE, new CustomerTerms(CustomerPermission.UPGRADE_ONLY, List.of(), false));
        Subscription s = subscribe(plan, m, product("31.00"));
        ChangeDraft up = toQuantity(s, "2");
        ChangeDraft down = new ChangeDraft(Optional.empty(), Optional.empty(), List.of(new LineChange.Update(s.lines().get(0).id(),
                Optional.of(new BigDecimal("0.5")), Optional.empty(), Optional.empty())));
        SubscriptionException byChange = assertThrows(SubscriptionException.class,
                () -> service(SubscriptionService.class).changeByCustomer(s.id(), down));
        SubscriptionException byPreview = assertThrows(SubscriptionException.class,
                () -> service(BillingService.class).previewChangeByCustomer(s.id(), down));
        assertEquals(byChange.code(), byPreview.code());
        assertEquals(byChange.field(), byPreview.field());
        assertEquals(ErrorCode.INVALID_VALUE, byPreview.code());
        assertTrue(service(BillingService.class).previewChangeByCustomer(s.id(), up).mrrAfter().amount().signum() > 0);
        SubscriptionException unknown = assertThrows(SubscriptionException.class,
                () -> service(BillingService.class).previewChange(99_999_999L, up));
        assertEquals(ErrorCode.NOT_FOUND, unknown.code());
    }
}
