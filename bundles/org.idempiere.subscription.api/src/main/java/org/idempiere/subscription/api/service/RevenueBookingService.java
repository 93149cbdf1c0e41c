package org.idempiere.subscription.api.service;

import java.time.YearMonth;

/**
 * Books a month's recognized subscription revenue ({@link RevenueService}) in the host's general
 * ledger: per currency one completed journal, debit the deferred revenue account and credit the
 * recognized revenue account (the other way for a negative amount), with the accounts of each
 * subscription's plan or, where the plan has none, the tenant's defaults (host settings
 * {@code SUBSCRIPTIONS_DEFERRED_REVENUE_ACCT}, {@code SUBSCRIPTIONS_REVENUE_ACCT}). Idempotent
 * per month and tenant: what is booked is the month's recognition now minus what was booked for
 * it before, so booking again books nothing, or only a correction. Provided only where the host
 * has a general ledger.
 */
@org.osgi.annotation.versioning.ProviderType
public interface RevenueBookingService {

    /**
     * Books what {@code month} still needs, in one transaction with the bookings' record.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException REQUIRED or INVALID_VALUE naming
     *         {@code month} (missing, or not ended yet); INVALID_STATE naming {@code SUB_Revenue_Acct}
     *         when a plan with revenue to book has no accounts and the tenant has no defaults, or
     *         naming {@code currency} when the host has no conversion rate; HOST_FAILURE when the host
     *         refuses a journal. Nothing is booked then.
     */
    RevenueBookingReport book(YearMonth month);
}
