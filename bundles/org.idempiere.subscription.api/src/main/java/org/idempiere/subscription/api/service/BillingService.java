package org.idempiere.subscription.api.service;

import java.time.LocalDate;
import java.util.List;
import org.idempiere.subscription.api.host.InvoiceView;

/** Recurring invoicing through the host's {@code Invoicing} port. Exactly once per period. */
@org.osgi.annotation.versioning.ProviderType
public interface BillingService {

    /**
     * Invoices every period of every active subscription that is due on or before {@code asOf},
     * one host invoice per period, catching up missed periods. Each subscription is billed in a
     * transaction of its own; a period that already has a billing item is never billed again.
     */
    default BillingRunReport run(LocalDate asOf) {
        return run(asOf, BillingScope.ALL);
    }

    /** As {@link #run(LocalDate)}, for the subscriptions in {@code scope} only. */
    BillingRunReport run(LocalDate asOf, BillingScope scope);

    /**
     * The next invoice of an active subscription as it would be billed on its next invoice date,
     * writing nothing.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException NOT_FOUND for an unknown
     *         subscription, INVALID_STATE when it has no next invoice (closed)
     */
    InvoicePreview preview(long subscriptionId);

    /**
     * What a change would cost, asked for by the seller: checked as
     * {@link SubscriptionService#change} checks it (the same refusals), answered without storing
     * it. Pending changes whose day has come are applied first, as a change request applies them.
     */
    ChangePreview previewChange(long subscriptionId, ChangeDraft change);

    /**
     * What a change would cost, asked for by the customer: checked as
     * {@link SubscriptionService#changeByCustomer} checks it (the plan's permissions), answered
     * without storing it.
     */
    ChangePreview previewChangeByCustomer(long subscriptionId, ChangeDraft change);

    /** A dry run of {@link #run}: what a run as of {@code asOf} would invoice, writing nothing. */
    BillingForecast dryRun(LocalDate asOf);

    /**
     * @return every failure a run recorded (SUB_BillingFailure), by subscription
     * @throws org.idempiere.subscription.api.SubscriptionException NOT_FOUND for an unknown run
     */
    List<BillingRunReport.Failure> failuresOf(long runId);

    /**
     * The PDF of an invoice the engine created, as the host prints it.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException NOT_FOUND when no subscription
     *         of the tenant was billed with that invoice
     */
    byte[] invoicePdf(long invoiceId);

    /** @return the host invoices created for the subscription, oldest first */
    List<InvoiceView> invoicesOf(long subscriptionId);

    /**
     * One of the engine's invoices was voided or reversed in the host (in iDempiere: Void,
     * Reverse - Correct or Reverse - Accrual of the {@code C_Invoice}): its revenue is reversed as
     * of {@code date} (decision 0057). Each of its billing and adjustment items gets a reversal
     * item (its amount negated, over its days, dated {@code date}), so revenue recognition takes
     * back in {@code date}'s month what the item had recognized before and nothing more is
     * recognized or deferred for it; net and one-time revenue are lowered on {@code date}. Billing
     * does not change: the invoice's periods stay billed and are not invoiced again by themselves
     * (the seller decides what to invoice instead), and MRR is not touched.
     *
     * <p>Runs in the caller's host transaction when there is one (a document event), else in its
     * own. Idempotent: a second call for the same invoice writes nothing and answers what the first
     * recorded ({@link InvoiceReversal#alreadyRecorded()}).
     *
     * @param invoiceId   the host's invoice
     * @param date        the reversal's day (iDempiere: the reversal document's invoice date)
     * @param description what happened, kept with the record (at most 255 characters), e.g. the reversal's document number
     * @return empty when the invoice is not one the engine created for the tenant: nothing written
     * @throws org.idempiere.subscription.api.SubscriptionException REQUIRED {@code date}; INVALID_VALUE
     *         {@code date} before the invoice's date or {@code description} longer than 255 characters
     */
    java.util.Optional<InvoiceReversal> invoiceReversed(long invoiceId, LocalDate date, String description);

    /**
     * @return the invoice e-mails of a subscription (its period and adjustment invoices, when it
     *         e-mails invoices), oldest first
     * @throws org.idempiere.subscription.api.SubscriptionException NOT_FOUND for an unknown subscription
     */
    List<InvoiceMail> invoiceMailsOf(long subscriptionId);

    /**
     * Sends the pending invoice e-mails that are due (a billing run does it for up to 30 seconds
     * when it ends; this is for sending at once), for up to two minutes; the rest wait for the
     * next call or run. Each is claimed so two servers never send the same one at once, sent, and
     * recorded SENT; a failure is recorded with its reason and tried again by a later call or run
     * (not before 1, 2, 4, 8 minutes have passed; FAILED after the fifth attempt); a missing or
     * refused address is FAILED at once.
     *
     * @return how many were sent
     */
    int sendInvoiceMails();
}
