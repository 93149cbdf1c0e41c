package org.idempiere.subscription.plugin.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.idempiere.subscription.api.host.InvoiceView;
import org.junit.jupiter.api.Test;

class InvoiceReadBackTest {

    @Test
    void view_taxIsGrandTotalMinusLines_periodReadFromDescription() {
        InvoiceView v = InvoiceReadBack.view(1000100, "INV-1001", Timestamp.valueOf(LocalDateTime.of(2026, 1, 31, 0, 0)),
                "EUR ", new BigDecimal("148.00"), new BigDecimal("182.04"),
                List.of(new InvoiceReadBack.LineValues(10, 1000017, new BigDecimal("2"), new BigDecimal("29.00"),
                        new BigDecimal("58.00"), new BigDecimal("23"), "S-0001: 2026-01-31 - 2026-02-27")));
        assertEquals(new BigDecimal("34.04"), v.totalTax());
        assertEquals("EUR", v.currency());
        assertEquals(LocalDate.of(2026, 1, 31), v.dateInvoiced());
        assertEquals(new InvoiceView.Line(10, 1000017, new BigDecimal("2"), new BigDecimal("29.00"), new BigDecimal("58.00"),
                new BigDecimal("23"), LocalDate.of(2026, 1, 31), LocalDate.of(2026, 2, 27)), v.lines().get(0));
    }

    @Test
    void view_lineWithoutPeriodOrTax_nulls() {
        InvoiceView v = InvoiceReadBack.view(1, "1", null, "EUR", BigDecimal.TEN, BigDecimal.TEN,
                List.of(new InvoiceReadBack.LineValues(10, 5, BigDecimal.ONE, BigDecimal.TEN, BigDecimal.TEN, null, "typed by hand")));
        InvoiceView.Line line = v.lines().get(0);
        assertNull(line.periodStart());
        assertNull(line.periodEnd());
        assertNull(line.taxRatePercent());
        assertEquals(BigDecimal.ZERO, v.totalTax());
    }
}
