package org.idempiere.subscription.api.service;

import java.util.List;

/**
 * MRR and its movements over a range, grouped.
 *
 * @param by       what it is grouped by
 * @param currency the ISO code of every amount
 * @param groups   in key order
 */
public record Breakdown(Dimension by, String currency, List<AnalyticsGroup> groups) {
    /**
     * What a breakdown groups by. PLAN and CURRENCY come from the refreshed figures and follow each entry's own
     * plan and currency; the others read the ledger with the subscriptions' <b>current</b> product lines, sales
     * representative and customer address, and are slower.
     */
    public enum Dimension {
        PLAN, CURRENCY, PRODUCT, COUNTRY, REGION, SALES_REP
    }
}
