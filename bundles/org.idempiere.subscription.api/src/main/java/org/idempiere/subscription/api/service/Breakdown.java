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
     * plan and currency (with a {@link Segment} they are read from the ledger too); the others read the ledger with
     * the subscriptions' <b>current</b> product lines, sales representative and customer address, and are slower.
     * Keys: the plan's id, the ISO code of the currency, the product's id, the country's ISO code, the region
     * ({@code SK/Bratislavský kraj}, or the country's code for an address without a region), the sales
     * representative's id; "" for none. Labels: the plan's, product's and representative's names, the country's
     * English name, the region's name with its country's code.
     */
    public enum Dimension {
        PLAN, CURRENCY, PRODUCT, COUNTRY, REGION, SALES_REP
    }
}
