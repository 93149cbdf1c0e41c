package org.idempiere.subscription.api.service;

import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionStatus;

/** Subscriptions and their lifecycle. Every change is written to the change log with its MRR. */
@org.osgi.annotation.versioning.ProviderType
public interface SubscriptionService {

    /** Validates, stores and activates a subscription; logs a NEW change with its MRR. */
    Subscription create(SubscriptionDraft draft);

    /**
     * Activates a draft subscription — one entered in the host's Subscription window — as
     * {@link #create} would have created it: checks it as {@code create} checks a draft (the plan
     * active, the customer, a currency with a price list of that currency, at least one line,
     * every line's product sold and its quantity, price and discount in range), gives it the
     * plan's default lines when it has none, computes its MRR on the start date, its first
     * invoice date and its term, and logs a NEW change dated on the start date.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException NOT_FOUND for another tenant's
     *         or a missing subscription; INVALID_STATE unless it is a draft; INVALID_VALUE,
     *         REQUIRED or UNKNOWN_REFERENCE naming the field (lines as {@code lines[i].field})
     *         that is wrong — and then nothing is changed
     */
    Subscription activate(long subscriptionId);

    /** @return the subscription of the current tenant with that id */
    Optional<Subscription> find(long subscriptionId);

    /**
     * The current tenant's subscriptions, by id, a page at a time.
     *
     * @param customerId only this customer's, if given
     * @param status     only those in this status, if given
     * @param offset     how many to skip (0 or more)
     * @param limit      how many at most (1 to 500)
     * @throws org.idempiere.subscription.api.SubscriptionException INVALID_VALUE naming {@code offset}
     *         or {@code limit} out of range
     */
    List<Subscription> list(Optional<Long> customerId, Optional<SubscriptionStatus> status, int offset, int limit);

    /**
     * Closes an active or paused subscription today (host clock); logs a CHURN change to zero MRR.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException INVALID_STATE if it is neither
     */
    Subscription close(long subscriptionId, String reason);

    /**
     * Closes as {@link #close(long, String)} does, with a reason from the tenant's list and an
     * optional comment.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException UNKNOWN_REFERENCE for
     *         {@code closeReasonId} when it is not an active reason of the tenant
     */
    Subscription close(long subscriptionId, long closeReasonId, java.util.Optional<String> comment);

    /**
     * Pauses an active subscription today: no period is billed while it is paused, and its MRR
     * drops to zero (a CONTRACTION entry: the customer is kept, so it is not churn).
     *
     * @throws org.idempiere.subscription.api.SubscriptionException INVALID_STATE unless active
     */
    Subscription pause(long subscriptionId);

    /**
     * Resumes a paused subscription today: billing continues with the first whole period that
     * starts on or after today (periods stay anchored on the start date), and its MRR is computed
     * again at today's prices (an EXPANSION entry).
     *
     * @throws org.idempiere.subscription.api.SubscriptionException INVALID_STATE unless paused
     */
    Subscription resume(long subscriptionId);

    /**
     * Reactivates a closed subscription today, as {@link #resume} does for a paused one, with a
     * REACTIVATION entry in the MRR ledger.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException INVALID_STATE unless closed
     */
    Subscription reactivate(long subscriptionId);

    /**
     * Changes an active subscription's lines or plan on a day (today or later). On its day the
     * lines it ends stop and the lines it adds start (a period split by it is charged by days for
     * each), the MRR is priced again with an EXPANSION or CONTRACTION entry in the ledger, and
     * periods already invoiced that it reaches get one adjustment invoice: a credit for the unused
     * part of the ended lines, a charge for the new lines' part (prorated by days, see
     * {@code LinePricing.prorate}). Dated today it is applied at once; later, it is PENDING until a
     * billing run on or after its day applies it. Several changes may be pending: they apply in
     * the order of their days, a new one is not dated before them, and it may name a line as it is
     * today even if a pending change updates it (it then changes that line's new version), but not
     * a line a pending change removes.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException INVALID_STATE unless active;
     *         INVALID_VALUE, REQUIRED or UNKNOWN_REFERENCE naming the field
     *         ({@code effectiveDate}, {@code templateId}, {@code lines[i].lineId} ...) — and then
     *         nothing is changed
     */
    SubscriptionChange change(long subscriptionId, ChangeDraft change);

    /**
     * Moves an active subscription to another currency from today: its price list becomes the
     * tenant's default sales price list in that currency, its MRR is priced again there, and the
     * ledger gets two CURRENCY_TRANSFER entries on the same day — the old currency's MRR to zero,
     * the new currency's from zero — so MRR moves between currencies without churn or new
     * business. Periods invoiced from now on are in the new currency.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException INVALID_STATE naming
     *         {@code status} unless active or {@code effectiveDate} while a change is pending;
     *         INVALID_VALUE or UNKNOWN_REFERENCE naming {@code currency} (the same, unknown, or
     *         without a price list), {@code lines[i].unitPrice} for a fixed price (it is in the old
     *         currency) or {@code lines[i].productId} without a price in the new price list
     */
    Subscription changeCurrency(long subscriptionId, String currency);

    /**
     * Cancels a subscription's pending change before its day.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException NOT_FOUND unless it is a change
     *         of that subscription; INVALID_STATE naming {@code status} unless it is pending
     */
    SubscriptionChange cancelChange(long subscriptionId, long changeId);

    /** @return the changes of a subscription of the current tenant, by effective date */
    java.util.List<SubscriptionChange> changesOf(long subscriptionId);

    /**
     * Notice not to renew a fixed term that renews automatically: the subscription expires (is
     * closed with a CHURN entry) the day after its term ends instead of renewing. Given later than
     * the template's notice period before the current term ends, it takes effect at the end of the
     * next term. Billing continues until then.
     *
     * @return the subscription, with {@code endsOn}
     * @throws org.idempiere.subscription.api.SubscriptionException INVALID_STATE naming
     *         {@code status} unless active, {@code term} for an open-ended or a non-renewing plan,
     *         {@code endsOn} when notice was given already
     */
    Subscription cancelRenewal(long subscriptionId);

    /**
     * A change asked for by the customer (the customer portal), within what the subscription's
     * template allows ({@link CustomerTerms}): options only among the template's, no prices,
     * discounts or setup fees, quantities and plans as the permission says. Otherwise as
     * {@link #change}.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException INVALID_VALUE naming the line
     *         field the customer may not change, as well as everything {@link #change} throws
     */
    SubscriptionChange changeByCustomer(long subscriptionId, ChangeDraft change);

    /**
     * Closes as {@link #close(long, long, Optional)} does, asked for by the customer: only when the
     * template lets customers close.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException INVALID_STATE naming
     *         {@code closable} when it does not
     */
    Subscription closeByCustomer(long subscriptionId, long closeReasonId, Optional<String> comment);
}
