package org.idempiere.subscription.plugin.host;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.host.OrderSummary;

/** Documents as {@link OrderHistory} makes them from iDempiere's columns. */
final class OrderSummaryTestData {
    static final LocalDate TODAY = LocalDate.of(2026, 5, 10);

    private OrderSummaryTestData() {
    }

    static OrderSummary quotation(String docSubTypeSO, String docStatus) {
        return new OrderSummary(1000100, "QT-1001", OrderSummaryRules.kind(true, "SOO", docSubTypeSO).orElseThrow(),
                OrderSummaryRules.binding(docSubTypeSO), OrderSummaryRules.status(docStatus), LocalDate.of(2026, 5, 1),
                Optional.empty(), "EUR", new BigDecimal("121.00"), new BigDecimal("100.00"), List.of());
    }
}
