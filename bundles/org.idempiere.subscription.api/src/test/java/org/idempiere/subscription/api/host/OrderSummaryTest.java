package org.idempiere.subscription.api.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.host.OrderSummary.Kind;
import org.idempiere.subscription.api.host.OrderSummary.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderSummaryTest {
    static final LocalDate TODAY = LocalDate.of(2026, 5, 10);

    static OrderSummary summary(Kind kind, boolean binding, Status status, Optional<LocalDate> validUntil) {
        return new OrderSummary(1000100, "Q-1001", kind, binding, status, LocalDate.of(2026, 5, 1), validUntil, "EUR",
                new BigDecimal("121.00"), new BigDecimal("100.00"), List.of(new OrderSummary.Line(10, Optional.of(7L),
                        "Hosting", BigDecimal.ONE, new BigDecimal("100.00"), new BigDecimal("100.00"), Optional.of(3L))));
    }

    @ParameterizedTest(name = "{0} binding={1} {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "QUOTATION|true|DRAFTED|",
        "QUOTATION|true|IN_PROGRESS|",
        "QUOTATION|true|COMPLETED|is completed and can no longer be accepted",
        "QUOTATION|true|CLOSED|is closed and can no longer be accepted",
        "QUOTATION|true|VOIDED|is voided and can no longer be accepted",
        "QUOTATION|true|REVERSED|is reversed and can no longer be accepted",
        "QUOTATION|false|DRAFTED|is a non-binding proposal: the seller confirms it, it cannot be accepted online",
        "ORDER|true|DRAFTED|is not a quotation: an order cannot be accepted",
        "ORDER|true|COMPLETED|is not a quotation: an order cannot be accepted",
    })
    void acceptRefusal_onlyBindingQuotationsStillOpen(Kind kind, boolean binding, Status status, String why) {
        assertEquals(Optional.ofNullable(why), summary(kind, binding, status, Optional.empty()).acceptRefusal(TODAY));
    }

    @Test
    void validUntil_isTheLastDayItMayBeAccepted() {
        assertTrue(summary(Kind.QUOTATION, true, Status.DRAFTED, Optional.of(TODAY)).acceptable(TODAY));
        OrderSummary expired = summary(Kind.QUOTATION, true, Status.DRAFTED, Optional.of(TODAY.minusDays(1)));
        assertFalse(expired.acceptable(TODAY));
        assertEquals(Optional.of("expired on 2026-05-09 and can no longer be accepted"), expired.acceptRefusal(TODAY));
        assertTrue(summary(Kind.QUOTATION, true, Status.DRAFTED, Optional.empty()).acceptable(TODAY.plusYears(10)),
                "a quotation without a validity does not expire");
    }

    @Test
    void line_isRecurringWithAPlan() {
        OrderSummary s = summary(Kind.ORDER, true, Status.COMPLETED, null);
        assertTrue(s.lines().get(0).recurring());
        assertEquals(Optional.empty(), s.validUntil());
        assertFalse(new OrderSummary.Line(20, Optional.empty(), null, BigDecimal.ONE, BigDecimal.TEN, BigDecimal.TEN, null)
                .recurring());
    }
}
