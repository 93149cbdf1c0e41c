package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.customer;
import static org.idempiere.subscription.tests.Sandbox.rows;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeTiming;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.host.InvoiceView;
import org.idempiere.subscription.api.service.BillingRunReport;
import org.idempiere.subscription.api.service.BillingScope;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.ChangeDraft;
import org.idempiere.subscription.api.service.LineChange;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionChange;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.idempiere.subscription.sandbox.internal.host.MasterData;
import org.junit.jupiter.api.Test;

/**
 * The same timeline on a price list whose prices exclude tax (EUR, the default list) and on one
 * whose prices include it (PLN, a tax-included default list no other test uses), with the amounts
 * computed by hand (decisions/0022). A German customer (VAT 19 %) subscribes monthly in advance
 * on the 1st of a 31-day month M to 1 x 31.00, and goes to 3 on day 11:
 *
 * <ul>
 * <li>the engine's amounts are the price list's, whichever kind: MRR 31.00 then 93.00; M's line
 * 31.00; the adjustment prorates M's days 11..31 (21/31 of 31.00 = 21.00 a unit): a credit of
 * 1 x -21.00 and a charge of 3 x 21.00, net 42.00; the next month 3 x 31.00 = 93.00;</li>
 * <li>excluded: tax is added: 31.00 + 5.89 = 36.89; 42.00 + 7.98 = 49.98; 93.00 + 17.67 = 110.67;</li>
 * <li>included: tax is taken out of the lines, as iDempiere does (amount - amount / 1.19, to the
 * cent): 31.00 holds 4.95 (31.00 / 1.19 = 26.0504…), 42.00 holds 6.71 (35.2941…), 93.00 holds
 * 14.85 (78.1512…); the grand total is the total of the lines.</li>
 * </ul>
 */
class TaxIncludedPriceListTest {

    private record Totals(String lines, String tax, String grand) {
        static Totals of(InvoiceView i) {
            return new Totals(i.totalLines().toPlainString(), i.totalTax().toPlainString(), i.grandTotal().toPlainString());
        }
    }

    /** The timeline in {@code currency}; returns the subscription. */
    private static Subscription timeline(String currency, LocalDate m) {
        ChangesTest.clockTo(m);
        long product = service(MasterData.class).createProduct(unique("Product"), "STANDARD", new BigDecimal("31.00"), currency,
                Optional.of(LocalDate.of(2000, 1, 1))).id();
        long plan = service(TemplateService.class).create(new TemplateDraft(unique("Plan"), Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty(), ChangeTiming.IMMEDIATE, List.of())).id();
        Subscription s = service(SubscriptionService.class).create(new SubscriptionDraft(plan, customer("DE"), currency, m,
                Optional.empty(), List.of(new LineDraft(product, BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO))));
        assertEquals(0, new BigDecimal("31.00").compareTo(s.mrr().amount()), "MRR on the price as listed");
        BillingRunReport first = bill(plan, m);
        assertEquals(0, new BigDecimal("31.00").compareTo(first.netByCurrency().get(currency)), "the run's net is the lines'");
        LocalDate day11 = m.plusDays(10);
        service(SubscriptionService.class).change(s.id(), new ChangeDraft(Optional.of(day11), Optional.empty(),
                List.of(new LineChange.Update(s.lines().get(0).id(), Optional.of(new BigDecimal("3")), Optional.empty(),
                        Optional.empty()))));
        ChangesTest.clockTo(day11);
        bill(plan, day11);
        SubscriptionChange change = service(SubscriptionService.class).changesOf(s.id()).get(0);
        assertEquals(0, new BigDecimal("42.00").compareTo(change.adjustmentNet()), change.toString());
        bill(plan, m.plusMonths(1));
        Subscription after = service(SubscriptionService.class).find(s.id()).orElseThrow();
        assertEquals(0, new BigDecimal("93.00").compareTo(after.mrr().amount()));
        return after;
    }

    private static BillingRunReport bill(long plan, LocalDate asOf) {
        return service(BillingService.class).run(asOf, new BillingScope(Optional.of(plan), Optional.empty()));
    }

    /** "periodStart..periodEnd qty x price = net" per invoice line, invoices in order. */
    private static List<String> lines(List<InvoiceView> invoices) {
        List<String> out = new ArrayList<>();
        for (InvoiceView i : invoices) {
            for (InvoiceView.Line l : i.lines()) {
                out.add(l.periodStart() + ".." + l.periodEnd() + " " + l.quantity().stripTrailingZeros().toPlainString() + " x "
                        + l.priceActual() + " = " + l.lineNet());
            }
        }
        return out;
    }

    private static List<String> expectedLines(LocalDate m) {
        LocalDate mEnd = m.plusMonths(1).minusDays(1);
        LocalDate next = m.plusMonths(1);
        return List.of(m + ".." + mEnd + " 1 x 31.00 = 31.00", m.plusDays(10) + ".." + mEnd + " 1 x -21.00 = -21.00",
                m.plusDays(10) + ".." + mEnd + " 3 x 21.00 = 63.00", next + ".." + next.plusMonths(1).minusDays(1) + " 3 x 31.00 = 93.00");
    }

    @Test
    void taxExcludedPriceList_taxAddedToTheLines() {
        LocalDate m = ChangesTest.nextMonthOf(31);
        Subscription s = timeline("EUR", m);
        List<InvoiceView> invoices = service(BillingService.class).invoicesOf(s.id());
        assertEquals(expectedLines(m), lines(invoices));
        assertEquals(List.of(new Totals("31.00", "5.89", "36.89"), new Totals("42.00", "7.98", "49.98"),
                new Totals("93.00", "17.67", "110.67")), invoices.stream().map(Totals::of).toList());
        assertEquals(List.of("N", "N", "N"), rows("SELECT is_tax_included FROM sbx_invoice WHERE c_bpartner_id = ?"
                + " ORDER BY c_invoice_id", s.customerId()));
    }

    @Test
    void taxIncludedPriceList_sameLinesAndMrr_taxTakenOutOfThem() {
        service(MasterData.class).createPriceList(unique("PLN gross"), "PLN", true, true);
        LocalDate m = ChangesTest.nextMonthOf(31);
        Subscription s = timeline("PLN", m);
        List<InvoiceView> invoices = service(BillingService.class).invoicesOf(s.id());
        assertEquals(expectedLines(m), lines(invoices));
        assertEquals(List.of(new Totals("31.00", "4.95", "31.00"), new Totals("42.00", "6.71", "42.00"),
                new Totals("93.00", "14.85", "93.00")), invoices.stream().map(Totals::of).toList());
        assertEquals(List.of("Y|1000000", "Y|1000000", "Y|1000000"), rows("SELECT is_tax_included, ad_org_id FROM sbx_invoice"
                + " WHERE c_bpartner_id = ? ORDER BY c_invoice_id", s.customerId()), "the price list's flag, the subscription's organization");
        assertEquals(List.of("26.05|4.95", "35.29|6.71", "78.15|14.85"), rows("SELECT t.taxable_amt, t.tax_amt FROM sbx_invoicetax t"
                + " WHERE t.c_invoice_id IN (SELECT i.c_invoice_id FROM sbx_invoice i WHERE i.is_tax_included = 'Y'"
                + " AND i.c_bpartner_id = ?) ORDER BY t.c_invoice_id", s.customerId()));
    }
}
