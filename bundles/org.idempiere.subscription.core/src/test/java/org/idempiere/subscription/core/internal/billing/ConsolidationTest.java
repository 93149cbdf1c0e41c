package org.idempiere.subscription.core.internal.billing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.host.InvoiceDraft;
import org.idempiere.subscription.api.host.InvoiceLineDraft;
import org.junit.jupiter.api.Test;

class ConsolidationTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 1);
    private static final InvoiceLineDraft LINE = new InvoiceLineDraft(1000017, BigDecimal.ONE, 100, BigDecimal.TEN,
            BigDecimal.TEN, new ServicePeriod(DAY, LocalDate.of(2026, 3, 31)), "x");

    private static InvoiceDraft draft(String no, long org, Optional<Long> contact) {
        return new InvoiceDraft(1000009, 1000012, 102, 1000001, DAY, "Subscription " + no, List.of(LINE), Optional.of(1000060L),
                Optional.of(org), contact);
    }

    /* An invoice is issued by one organization to one contact: subscriptions differing in either are not merged. */
    @Test
    void merge_sameCustomerInAnotherOrganizationOrToAnotherContact_separateInvoices() {
        List<InvoiceDraft> drafts = List.of(draft("S-1", 11, Optional.of(1000050L)), draft("S-2", 12, Optional.of(1000050L)),
                draft("S-3", 11, Optional.of(1000051L)), draft("S-4", 11, Optional.of(1000050L)), draft("S-5", 11, Optional.empty()));
        int[] invoiceOf = new int[drafts.size()];

        List<InvoiceDraft> merged = Consolidation.merge(drafts, invoiceOf);

        assertArrayEquals(new int[] {0, 1, 2, 0, 3}, invoiceOf);
        assertEquals(4, merged.size());
        assertEquals("Subscription S-1, Subscription S-4", merged.get(0).description());
        assertEquals(2, merged.get(0).lines().size());
        assertEquals(Optional.of(11L), merged.get(0).orgId());
        assertEquals(Optional.of(1000050L), merged.get(0).contactUserId());
        assertEquals(Optional.of(1000060L), merged.get(0).salesRepId());
        assertEquals(Optional.of(12L), merged.get(1).orgId());
        assertEquals(Optional.of(1000051L), merged.get(2).contactUserId());
        assertEquals(Optional.empty(), merged.get(3).contactUserId());
    }

    /*
     * one invoice per customer, bill-to location, currency, price list, invoice date and sales rep:
     * each draft below differs from the first in one of them and so gets an invoice of its own;
     * the last is like the first and joins it
     */
    @Test
    void merge_groupsByEveryPartOfTheKey() {
        InvoiceDraft base = draft("A", 11, Optional.empty());
        List<InvoiceDraft> drafts = List.of(base,
                new InvoiceDraft(1000010, 1000012, 102, 1000001, DAY, "customer", List.of(LINE), Optional.of(1000060L),
                        Optional.of(11L), Optional.empty()),
                new InvoiceDraft(1000009, 1000013, 102, 1000001, DAY, "bill-to", List.of(LINE), Optional.of(1000060L),
                        Optional.of(11L), Optional.empty()),
                new InvoiceDraft(1000009, 1000012, 103, 1000001, DAY, "currency", List.of(LINE), Optional.of(1000060L),
                        Optional.of(11L), Optional.empty()),
                new InvoiceDraft(1000009, 1000012, 102, 1000002, DAY, "price list", List.of(LINE), Optional.of(1000060L),
                        Optional.of(11L), Optional.empty()),
                new InvoiceDraft(1000009, 1000012, 102, 1000001, DAY.plusDays(1), "date", List.of(LINE), Optional.of(1000060L),
                        Optional.of(11L), Optional.empty()),
                new InvoiceDraft(1000009, 1000012, 102, 1000001, DAY, "sales rep", List.of(LINE), Optional.of(1000061L),
                        Optional.of(11L), Optional.empty()),
                draft("B", 11, Optional.empty()));
        int[] invoiceOf = new int[drafts.size()];
        List<InvoiceDraft> merged = Consolidation.merge(drafts, invoiceOf);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 0}, invoiceOf);
        assertEquals(7, merged.size());
        assertEquals("Subscription A, Subscription B", merged.get(0).description());
    }
}
