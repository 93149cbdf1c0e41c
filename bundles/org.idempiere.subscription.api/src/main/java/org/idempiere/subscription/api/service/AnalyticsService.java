package org.idempiere.subscription.api.service;

import java.time.LocalDate;

/** Figures derived from the change log (the MRR ledger). */
@org.osgi.annotation.versioning.ProviderType
public interface AnalyticsService {
    /**
     * @param currency ISO 4217 code; null for the tenant's own currency
     * @return the MRR of subscriptions in that currency at the end of {@code date}
     */
    MrrSnapshot mrr(LocalDate date, String currency);
}
