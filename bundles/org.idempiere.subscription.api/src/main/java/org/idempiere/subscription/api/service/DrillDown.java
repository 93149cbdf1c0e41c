package org.idempiere.subscription.api.service;

import java.util.Optional;
import java.util.Set;
import org.idempiere.subscription.api.ChangeType;

/**
 * Which ledger entries make a figure: the query's range, plan and currency, and optionally some movement
 * types (a figure such as the gross MRR churn rate is made of churn and contraction), delinquent or voluntary
 * churn, one close reason (0: none given) and one age bucket (as in {@link ChurnAnalysis#byAge()}). Type
 * {@link ChangeType#PLAN_TRANSFER} selects every entry that moves MRR between plans (a change of plan at the same
 * MRR, and an expansion or contraction that changes the plan); with a plan and other types, only entries of that
 * plan (a movement is the plan's the entry moves to). Immutable.
 *
 * @param types  the movement types to show; empty for every type
 * @param limit  at most this many lines (1..1000), by date then entry
 * @param offset lines skipped first (paging)
 */
public record DrillDown(AnalyticsQuery query, Set<ChangeType> types, Optional<Boolean> delinquent,
        Optional<Long> closeReasonId, Optional<String> age, int limit, int offset) {
    /** Copies {@code types}; a null set is refused. */
    public DrillDown {
        types = Set.copyOf(types);
    }

    /** Entries of at most one movement type (empty: every type). */
    public DrillDown(AnalyticsQuery query, Optional<ChangeType> type, Optional<Boolean> delinquent, Optional<Long> closeReasonId,
            Optional<String> age, int limit, int offset) {
        this(query, type.map(Set::of).orElse(Set.of()), delinquent, closeReasonId, age, limit, offset);
    }

    /** All entries of a query's range, first 100. */
    public static DrillDown of(AnalyticsQuery q) {
        return new DrillDown(q, Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), 100, 0);
    }
}
