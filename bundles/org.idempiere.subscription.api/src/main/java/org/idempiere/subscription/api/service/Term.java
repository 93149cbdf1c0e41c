package org.idempiere.subscription.api.service;

import org.idempiere.subscription.api.SubscriptionException;

/**
 * A fixed term: a number of periods, after which the subscription renews for another term
 * or expires (is closed the day after the term ends).
 *
 * @param periods   1 to 1000 periods per term
 * @param autoRenew renew for another term, else expire
 */
public record Term(int periods, boolean autoRenew) {
    public Term {
        if (periods < 1 || periods > 1000) {
            throw SubscriptionException.invalid("term.periods", periods, "must be between 1 and 1000");
        }
    }
}
