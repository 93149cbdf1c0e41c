package org.idempiere.subscription.plugin.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.CreditShare;
import org.junit.jupiter.api.Test;

class CreditAllocationTest {
    private static final int CLIENT = 11;
    private static final int PARTNER = 117;
    private static final int EUR_ID = 102;
    private static final LocalDate TODAY = LocalDate.of(2030, 3, 15);

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static CreditAllocation.Document doc(long id, String no, String open, LocalDate dateAcct) {
        return new CreditAllocation.Document(id, CLIENT, true, "CO", no, PARTNER, 11, EUR_ID, "EUR", d(open), dateAcct);
    }

    private static CreditShare share(long creditInvoiceId, String eur) {
        return new CreditShare(creditInvoiceId, Money.of(d(eur), Currency.getInstance("EUR")));
    }

    private static final CreditAllocation.Document INVOICE = doc(1000, "INV-1", "119.00", LocalDate.of(2030, 3, 1));
    private static final CreditAllocation.Document C1 = doc(900, "INV-0900", "-99.16", LocalDate.of(2030, 2, 6));
    private static final CreditAllocation.Document C2 = doc(950, "INV-0950", "-79.34", LocalDate.of(2030, 2, 11));

    private static CreditAllocation.Plan plan(CreditAllocation.Document invoice, Map<Long, CreditAllocation.Document> found,
            CreditShare... shares) {
        return CreditAllocation.plan(invoice.id(), Optional.of(invoice), found, List.of(shares), CLIENT, TODAY);
    }

    private static String field(Runnable r) {
        return assertThrows(SubscriptionException.class, r::run).field().orElse("");
    }

    @Test
    void theInvoicePlusTheShares_againstEachCreditMinusItsShare_addUpToZero() {
        // invoice 119.00 open; C1 99.16 used up, C2 19.84 of 79.34
        CreditAllocation.Plan p = plan(INVOICE, Map.of(900L, C1, 950L, C2), share(900, "99.16"), share(950, "19.84"));
        assertEquals(List.of(new CreditAllocation.Line(1000, PARTNER, d("119.00"), d("0.00")),
                new CreditAllocation.Line(900, PARTNER, d("-99.16"), d("0.00")),
                new CreditAllocation.Line(950, PARTNER, d("-19.84"), d("-59.50"))), p.lines());
        assertEquals(0, p.lines().stream().map(CreditAllocation.Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add).signum(),
                "an allocation between documents balances");
        assertEquals(11, p.orgId());
        assertEquals(EUR_ID, p.currencyId());
        assertEquals("Subscription credit: invoice INV-1 settled with credit invoice INV-0900, INV-0950", p.description());
    }

    @Test
    void partOfTheInvoice_leavesTheRestOpenOnItsLine_andACreditNamedTwiceIsOneLine() {
        CreditAllocation.Plan p = plan(INVOICE, Map.of(950L, C2), share(950, "30.00"), share(950, "9.34"));
        assertEquals(List.of(new CreditAllocation.Line(1000, PARTNER, d("39.34"), d("79.66")),
                new CreditAllocation.Line(950, PARTNER, d("-39.34"), d("-40.00"))), p.lines());
    }

    @Test
    void datedToday_accountedNoEarlierThanItsDocuments() {
        assertEquals(TODAY, plan(INVOICE, Map.of(900L, C1), share(900, "10.00")).dateTrx());
        assertEquals(TODAY, plan(INVOICE, Map.of(900L, C1), share(900, "10.00")).dateAcct());
        CreditAllocation.Document later = doc(1001, "INV-2", "119.00", LocalDate.of(2030, 4, 1));
        CreditAllocation.Document laterCredit = doc(951, "INV-0951", "-5.00", LocalDate.of(2030, 4, 2));
        CreditAllocation.Plan p = plan(later, Map.of(951L, laterCredit), share(951, "5.00"));
        assertEquals(TODAY, p.dateTrx());
        assertEquals(LocalDate.of(2030, 4, 2), p.dateAcct(), "iDempiere refuses an allocation accounted before its documents");
    }

    @Test
    void moreThanIsOpen_ofACreditOrOfTheInvoice_isRefusedNamingTheAmount() {
        assertEquals("amount", field(() -> plan(INVOICE, Map.of(950L, C2), share(950, "79.35"))));
        CreditAllocation.Document small = doc(1002, "INV-3", "20.00", TODAY);
        assertEquals("amount", field(() -> plan(small, Map.of(950L, C2), share(950, "20.01"))));
        CreditAllocation.Document paid = doc(1003, "INV-4", "0.00", TODAY);
        assertEquals("amount", field(() -> plan(paid, Map.of(950L, C2), share(950, "0.01"))));
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> plan(INVOICE, Map.of(950L, C2), share(950, "80.00")));
        assertTrue(e.getMessage().contains("INV-0950") && e.getMessage().contains("EUR 79.34"), e.getMessage());
    }

    @Test
    void anotherCurrency_isRefused_theShareNamingTheAmount_theCreditInvoiceNamingItself() {
        assertEquals("amount", field(() -> plan(INVOICE, Map.of(950L, C2),
                new CreditShare(950, Money.of(d("5.00"), Currency.getInstance("CHF"))))));
        CreditAllocation.Document chf = new CreditAllocation.Document(960, CLIENT, true, "CO", "INV-0960", PARTNER, 11, 103, "CHF",
                d("-50.00"), TODAY);
        assertEquals("creditInvoiceId", field(() -> plan(INVOICE, Map.of(960L, chf), share(960, "5.00"))));
    }

    @Test
    void aCreditInvoiceNotTheCustomers_notCompleted_notTheTenants_orNoCredit_isRefused() {
        CreditAllocation.Document otherPartner = new CreditAllocation.Document(961, CLIENT, true, "CO", "X", PARTNER + 1, 11, EUR_ID,
                "EUR", d("-50.00"), TODAY);
        CreditAllocation.Document drafted = new CreditAllocation.Document(962, CLIENT, true, "DR", "X", PARTNER, 11, EUR_ID, "EUR",
                d("-50.00"), TODAY);
        CreditAllocation.Document otherTenant = new CreditAllocation.Document(963, CLIENT + 1, true, "CO", "X", PARTNER, 11, EUR_ID,
                "EUR", d("-50.00"), TODAY);
        CreditAllocation.Document purchase = new CreditAllocation.Document(964, CLIENT, false, "CO", "X", PARTNER, 11, EUR_ID, "EUR",
                d("-50.00"), TODAY);
        for (CreditAllocation.Document credit : List.of(otherPartner, drafted, otherTenant, purchase)) {
            assertEquals("creditInvoiceId", field(() -> plan(INVOICE, Map.of(credit.id(), credit), share(credit.id(), "5.00"))));
        }
        assertEquals("creditInvoiceId", field(() -> plan(INVOICE, Map.of(), share(999, "5.00"))), "unknown to iDempiere");
        CreditAllocation.Document debit = doc(965, "INV-0965", "12.00", TODAY);
        assertEquals("creditInvoiceId", field(() -> plan(INVOICE, Map.of(965L, debit), share(965, "5.00"))), "not a credit");
        assertEquals("creditInvoiceId", field(() -> plan(INVOICE, Map.of(1000L, INVOICE), share(1000, "5.00"))), "itself");
    }

    @Test
    void anInvoiceNotTheTenantsOrNotCompleted_isUnknown_andNoShareIsRequired() {
        assertEquals("invoiceId", field(() -> CreditAllocation.plan(5, Optional.empty(), Map.of(900L, C1), List.of(share(900, "1.00")),
                CLIENT, TODAY)));
        CreditAllocation.Document voided = new CreditAllocation.Document(1004, CLIENT, true, "VO", "INV-5", PARTNER, 11, EUR_ID, "EUR",
                d("0.00"), TODAY);
        assertEquals("invoiceId", field(() -> plan(voided, Map.of(900L, C1), share(900, "1.00"))));
        assertEquals("credits", field(() -> CreditAllocation.plan(1000, Optional.of(INVOICE), Map.of(), List.of(), CLIENT, TODAY)));
    }

    @Test
    void aLongDescription_isCutToTheColumn() {
        java.util.Map<Long, CreditAllocation.Document> found = new java.util.HashMap<>();
        CreditShare[] shares = new CreditShare[40];
        for (int i = 0; i < 40; i++) {
            found.put(2000L + i, doc(2000 + i, "CREDIT-NUMBER-" + i, "-1.00", TODAY));
            shares[i] = share(2000 + i, "1.00");
        }
        String description = plan(INVOICE, found, shares).description();
        assertEquals(CreditAllocation.DESCRIPTION_MAX, description.length());
        assertTrue(description.endsWith("..."));
    }
}
