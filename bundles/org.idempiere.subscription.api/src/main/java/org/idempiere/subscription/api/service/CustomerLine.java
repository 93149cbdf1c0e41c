package org.idempiere.subscription.api.service;

import java.time.LocalDate;
import java.util.List;

/**
 * One line of a customer count's drill-down ({@link AnalyticsService#customers}). Immutable.
 *
 * @param date         the day of the transition (new, churned, reactivated: counted at the end of that day); for
 *                     active customers the range's last day
 * @param customerId   the customer (business partner)
 * @param customerName its name in the host, empty when the host has none
 * @param documentNos  the subscriptions behind the line: for active customers those active at the end of the range
 *                     (in the query's plan and currency), for a transition those with a ledger entry on its day
 */
public record CustomerLine(LocalDate date, long customerId, String customerName, List<String> documentNos) {
    public CustomerLine {
        documentNos = List.copyOf(documentNos);
    }
}
