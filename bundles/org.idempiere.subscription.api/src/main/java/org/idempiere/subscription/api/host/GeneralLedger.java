package org.idempiere.subscription.api.host;

/**
 * The host's general ledger ({@code MJournal}, {@code MJournalLine}, {@code processIt("CO")}):
 * journals the engine books, such as a month's recognized subscription revenue. Optional: a host
 * without accounting (the sandbox) does not provide it, and nothing is booked there.
 */
@org.osgi.annotation.versioning.ProviderType
public interface GeneralLedger {

    /**
     * Creates and completes a journal in {@code tx}, committed or rolled back with the rest of
     * the transaction.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException HOST_FAILURE when the host
     *         refuses it (no open period, an invalid account, a journal that does not balance)
     */
    PostedJournal post(Tx tx, JournalDraft draft);
}
