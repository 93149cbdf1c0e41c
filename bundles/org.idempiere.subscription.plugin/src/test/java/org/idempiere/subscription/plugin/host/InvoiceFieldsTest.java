package org.idempiere.subscription.plugin.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.InvoiceDraft;
import org.idempiere.subscription.api.host.InvoiceLineDraft;
import org.junit.jupiter.api.Test;

class InvoiceFieldsTest {
    private static final ServicePeriod PERIOD = new ServicePeriod(LocalDate.of(2026, 1, 31), LocalDate.of(2026, 2, 27));
    private static final InvoiceLineDraft HOSTING = new InvoiceLineDraft(1000017, new BigDecimal("2"), 100,
            new BigDecimal("49.00"), new BigDecimal("98.00"), PERIOD, "S-0001: 2026-01-31 - 2026-02-27");
    private static final InvoiceLineDraft SUPPORT = new InvoiceLineDraft(1000020, BigDecimal.ONE, 101,
            new BigDecimal("90.00"), new BigDecimal("90.00"), PERIOD, "Support");
    private static final InvoiceDraft DRAFT = new InvoiceDraft(1000009, 1000012, 102, 1000001,
            LocalDate.of(2026, 1, 31), "Subscription S-0001", List.of(HOSTING, SUPPORT));

    @Test
    void of_draft_headerCarriesDraftValuesAndTheOrganization() {
        InvoiceFields.Header h = InvoiceFields.of(DRAFT, 11).header();
        assertEquals(new InvoiceFields.Header(11, 1000009, 1000012, 1000001, 102,
                Timestamp.valueOf(LocalDateTime.of(2026, 1, 31, 0, 0)), "Subscription S-0001", false, 0, 0), h);
    }

    private static InvoiceDraft of(Optional<Long> orgId, Optional<Long> contact, Optional<Long> salesRep) {
        return new InvoiceDraft(1000009, 1000012, 102, 1000001, LocalDate.of(2026, 1, 31), "Subscription S-0001",
                List.of(HOSTING), salesRep, orgId, contact);
    }

    /* iDempiere takes the bill-from location (tax) and the open period from the invoice's organization. */
    @Test
    void of_subscriptionsOrganization_winsOverTheContexts() {
        assertEquals(12, InvoiceFields.of(of(Optional.of(12L), Optional.empty(), Optional.empty()), 11).header().orgId());
        assertEquals(11, InvoiceFields.of(of(Optional.of(0L), Optional.empty(), Optional.empty()), 11).header().orgId(),
                "a subscription of organization * is invoiced in the context's");
        assertEquals(11, InvoiceFields.of(of(Optional.empty(), Optional.empty(), Optional.empty()), 11).header().orgId());
        assertEquals(12, InvoiceFields.of(of(Optional.of(12L), Optional.empty(), Optional.empty()), 0).header().orgId(),
                "the scheduler's organization * does not matter when the subscription has one");
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> InvoiceFields.of(of(Optional.of(0L), Optional.empty(), Optional.empty()), 0));
        assertEquals(ErrorCode.HOST_FAILURE, e.code());
    }

    @Test
    void of_contactAndSalesRepresentative_carriedFromTheSubscription_elseNone() {
        InvoiceFields.Header h = InvoiceFields.of(of(Optional.of(12L), Optional.of(1000050L), Optional.of(1000060L)), 11).header();
        assertEquals(1000050, h.contactUserId());
        assertEquals(1000060, h.salesRepId());
        InvoiceFields.Header none = InvoiceFields.of(of(Optional.of(12L), Optional.empty(), Optional.empty()), 11).header();
        assertEquals(0, none.contactUserId(), "0: iDempiere keeps the partner's contact");
        assertEquals(0, none.salesRepId(), "0: the partner's representative");
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> InvoiceFields.of(of(Optional.empty(), Optional.of(1L << 31), Optional.empty()), 11));
        assertEquals(Optional.of("contactUserId"), e.field());
    }

    /* MInvoice defaults IsTaxIncluded to N and setM_PriceList_ID copies only the currency. */
    @Test
    void of_taxIncludedPriceList_invoiceIsTaxIncluded() {
        assertTrue(InvoiceFields.of(DRAFT, 11, new InvoiceFields.PriceList(102, true)).header().taxIncluded());
        assertEquals(false, InvoiceFields.of(DRAFT, 11, new InvoiceFields.PriceList(102, false)).header().taxIncluded());
    }

    @Test
    void of_priceListInAnotherCurrency_refusedNamingThePriceList() {
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> InvoiceFields.of(DRAFT, 11, new InvoiceFields.PriceList(114, false)));
        assertEquals(ErrorCode.INVALID_VALUE, e.code());
        assertEquals(Optional.of("priceListId"), e.field());
        assertEquals(Optional.of("1000001"), e.value());
    }

    /* A credit (negative price) under a price limit would be refused by MInvoiceLine.beforeSave ("UnderLimitPrice"). */
    @Test
    void creditLine_notPricedByIdempiere_chargesAre() {
        InvoiceLineDraft credit = new InvoiceLineDraft(1000017, new BigDecimal("2"), 100, new BigDecimal("-24.50"),
                new BigDecimal("-49.00"), PERIOD, "S-0001: credit for 2026-02-14 - 2026-02-27");
        InvoiceDraft adjustment = new InvoiceDraft(1000009, 1000012, 102, 1000001, LocalDate.of(2026, 2, 14), "x",
                List.of(credit, HOSTING));
        List<InvoiceFields.Line> lines = InvoiceFields.of(adjustment, 11).lines();
        assertEquals(false, lines.get(0).pricedByHost());
        assertEquals(new BigDecimal("-24.50"), lines.get(0).priceEntered());
        assertTrue(lines.get(1).pricedByHost());
        assertTrue(new InvoiceFields.Line(1000017, 100, BigDecimal.ONE, BigDecimal.ZERO, "free").pricedByHost(),
                "a free line is priced, else beforeSave would price it at the list price");
    }

    @Test
    void of_draft_linesInOrderWithEnteredQuantityPriceAndPeriod() {
        List<InvoiceFields.Line> lines = InvoiceFields.of(DRAFT, 11).lines();
        assertEquals(List.of(
                new InvoiceFields.Line(1000017, 100, new BigDecimal("2"), new BigDecimal("49.00"), "S-0001: 2026-01-31 - 2026-02-27"),
                new InvoiceFields.Line(1000020, 101, BigDecimal.ONE, new BigDecimal("90.00"), "Support 2026-01-31 - 2026-02-27")),
                lines);
        lines.forEach(l -> assertEquals(Optional.of(PERIOD), ServicePeriodText.parse(l.description())));
    }

    @Test
    void of_organizationStar_refusedBeforeIdempiereIsAsked() {
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> InvoiceFields.of(DRAFT, 0));
        assertEquals(ErrorCode.HOST_FAILURE, e.code());
        assertTrue(e.getMessage().contains("AD_Org_ID 0"), e.getMessage());
    }

    @Test
    void of_noLines_refused() {
        InvoiceDraft empty = new InvoiceDraft(1000009, 1000012, 102, 1000001, LocalDate.of(2026, 1, 31), "x", List.of());
        assertEquals(ErrorCode.HOST_FAILURE, assertThrows(SubscriptionException.class, () -> InvoiceFields.of(empty, 11)).code());
    }

    @Test
    void of_idBeyondIdempiereRange_namesTheField() {
        InvoiceDraft big = new InvoiceDraft(1L << 31, 1000012, 102, 1000001, LocalDate.of(2026, 1, 31), "x", List.of(HOSTING));
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> InvoiceFields.of(big, 11));
        assertEquals(ErrorCode.INVALID_VALUE, e.code());
        assertEquals(Optional.of("customerId"), e.field());
        assertEquals(Optional.of("2147483648"), e.value());
    }

    @Test
    void of_zeroQuantity_refusedNamingQuantity() {
        InvoiceLineDraft zero = new InvoiceLineDraft(1000017, BigDecimal.ZERO, 100, BigDecimal.TEN, BigDecimal.ZERO, PERIOD, "x");
        InvoiceDraft draft = new InvoiceDraft(1000009, 1000012, 102, 1000001, LocalDate.of(2026, 1, 31), "x", List.of(zero));
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> InvoiceFields.of(draft, 11));
        assertEquals(Optional.of("quantity"), e.field());
    }

    @Test
    void of_longHeaderDescription_fitsTheColumn() {
        InvoiceDraft draft = new InvoiceDraft(1000009, 1000012, 102, 1000001, LocalDate.of(2026, 1, 31), "d".repeat(300),
                List.of(HOSTING));
        assertEquals(ServicePeriodText.DESCRIPTION_LENGTH, InvoiceFields.of(draft, 11).header().description().length());
    }

    /* A line by the pack of ten: iDempiere invoices 30 units at 2.50, the same 75.00 as 3 packs at 25.00. */
    @org.junit.jupiter.api.Test
    void lineInAnotherUnit_convertsQuantityAndPriceWithTheLinesRate() {
        InvoiceFields.Line pack = new InvoiceFields.Line(1000017, 1000099, new BigDecimal("3"), new BigDecimal("25.00"), "x",
                BigDecimal.TEN);
        assertEquals(0, new BigDecimal("30").compareTo(pack.qtyInvoiced()));
        assertEquals(0, new BigDecimal("2.5").compareTo(pack.priceActual()));
        InvoiceFields.Line third = new InvoiceFields.Line(1000017, 1000098, new BigDecimal("3"), new BigDecimal("10.00"), "x",
                new BigDecimal("3"));
        assertEquals(new BigDecimal("3.333333333333"), third.priceActual());
        assertEquals(0, new BigDecimal("30.00").compareTo(third.qtyInvoiced().multiply(third.priceActual())
                .setScale(2, java.math.RoundingMode.HALF_UP)), "9 units x 3.333333333333 rounds back to 3 x 10.00");
        InvoiceFields.Line own = new InvoiceFields.Line(1000017, 100, new BigDecimal("2"), new BigDecimal("49.00"), "x");
        assertEquals(new BigDecimal("49.00"), own.priceActual());
        assertEquals(new BigDecimal("2"), own.qtyInvoiced());
    }
}
