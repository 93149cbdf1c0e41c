package org.idempiere.subscription.core.internal.analytics;

import java.time.LocalDate;
import java.util.Comparator;

/**
 * The key of one figure a customer contributes to; the figure is the sum of its values over all
 * customers. Unused parts are null (dates, type) or 0 (ids).
 *
 * @param kind       {@link #MOVEMENT}, {@link #SUBSCRIPTIONS}, {@link #LOGOS}, {@link #COHORT_MRR},
 *                   {@link #COHORT_ACTIVE} or {@link #COHORT_SIZE}
 * @param day        the day of the change (movements, subscriptions, logos) or the first day of the month (cohort cells)
 * @param cohort     the first day of the customer's cohort month (cohort kinds)
 * @param currencyId the currency (movements, subscriptions, cohort MRR; logos per currency), else 0
 * @param templateId the plan (movements, subscriptions; logos per plan), else 0
 * @param type       the ledger's code of the movement ({@code NW EX CT CH RA CU PT}) or of the logo transition
 *                   ({@code NW} new, {@code CH} churned, {@code RA} reactivated)
 * @param delinquent a delinquent churn movement
 */
public record Fact(char kind, LocalDate day, LocalDate cohort, long currencyId, long templateId, String type, boolean delinquent) {
    /** A signed MRR movement leg: amount. */
    public static final char MOVEMENT = 'M';
    /** Subscriptions with MRR above zero: count change. */
    public static final char SUBSCRIPTIONS = 'U';
    /** Customer transitions: count (always 1 per transition, the type says which). */
    public static final char LOGOS = 'L';
    /** A cohort's MRR: amount change in the month. */
    public static final char COHORT_MRR = 'C';
    /** A cohort's active customers: count change at the end of the month. */
    public static final char COHORT_ACTIVE = 'A';
    /** A cohort's size: 1 per customer. */
    public static final char COHORT_SIZE = 'S';

    /** Orders facts for a stable text form. */
    static final Comparator<Fact> ORDER = Comparator.comparing(Fact::kind)
            .thenComparing(Fact::day, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Fact::cohort, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(Fact::currencyId).thenComparingLong(Fact::templateId)
            .thenComparing(Fact::type, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Fact::delinquent);
}
