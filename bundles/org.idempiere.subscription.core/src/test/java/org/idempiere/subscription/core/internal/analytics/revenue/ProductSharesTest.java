package org.idempiere.subscription.core.internal.analytics.revenue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.idempiere.subscription.api.host.InvoiceView;
import org.junit.jupiter.api.Test;

/** A product's share of invoiced items from the invoice lines, on a consolidated invoice and on an adjustment invoice. */
class ProductSharesTest {
    private static final LocalDate D1 = LocalDate.parse("2026-03-01");
    private static final LocalDate D31 = LocalDate.parse("2026-03-31");
    private static final long X = 7;
    private static final long Y = 8;

    private static InvoiceView.Line line(int no, long product, String net, LocalDate start, LocalDate end) {
        return new InvoiceView.Line(no, product, BigDecimal.ONE, new BigDecimal(net), new BigDecimal(net), BigDecimal.ZERO, start, end);
    }

    private static ProductShares.Item item(long id, String amount, LocalDate start, LocalDate end) {
        return new ProductShares.Item(id, id * 10, start, end, new BigDecimal(amount));
    }

    /*
     * Two subscriptions of one customer on one consolidated invoice, both for March: the first X 10.00 + Y 20.00 (30.00),
     * the second X 5.00, a free line of Y and X 7.00 (12.00). Their lines follow one another in the items' order.
     */
    @Test
    void consolidatedInvoice_eachItemTakesItsOwnLines_inOrder() {
        List<InvoiceView.Line> lines = List.of(line(10, X, "10.00", D1, D31), line(20, Y, "20.00", D1, D31), line(30, X, "5.00", D1, D31),
                line(40, Y, "0.00", D1, D31), line(50, X, "7.00", D1, D31));
        List<ProductShares.Item> items = List.of(item(1, "30.00", D1, D31), item(2, "12.00", D1, D31));
        assertEquals(Map.of(1L, new BigDecimal("10.00"), 2L, new BigDecimal("12.00")), ProductShares.billingShares(items, lines, X));
        assertEquals(Map.of(1L, new BigDecimal("20.00"), 2L, BigDecimal.ZERO), ProductShares.billingShares(items, lines, Y));
    }

    /* Lines that do not follow the items (changed in the host): each item by the proportion of the lines within its days. */
    @Test
    void linesOutOfOrder_fallBackToTheProportionWithinTheItemsDays() {
        List<InvoiceView.Line> lines = List.of(line(10, X, "10.00", D1, D31), line(20, Y, "20.02", D1, D31));
        List<ProductShares.Item> items = List.of(item(1, "30.00", D1, D31));
        assertEquals(Map.of(1L, new BigDecimal("9.99")), ProductShares.billingShares(items, lines, X)); // 30.00 x 10.00 / 30.02 = 9.993
    }

    /* An adjustment item is one run of days: the credit of the old line and the charge of the new one over exactly its days. */
    @Test
    void adjustmentItem_takesTheLinesOfExactlyItsDays() {
        LocalDate d15 = LocalDate.parse("2026-03-15");
        List<InvoiceView.Line> lines = List.of(line(10, X, "-8.39", d15, D31), line(20, Y, "16.77", d15, D31), line(30, X, "-1.00", D1, d15));
        assertEquals(new BigDecimal("-8.39"), ProductShares.adjustmentShare(item(1, "8.38", d15, D31), lines, X));
        assertEquals(new BigDecimal("16.77"), ProductShares.adjustmentShare(item(1, "8.38", d15, D31), lines, Y));
    }
}
