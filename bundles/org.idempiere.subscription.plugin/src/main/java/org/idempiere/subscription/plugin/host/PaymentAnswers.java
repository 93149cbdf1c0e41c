package org.idempiere.subscription.plugin.host;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.ChargeRequest;
import org.idempiere.subscription.api.host.ChargeResult;
import org.idempiere.subscription.api.host.ChargeResult.Outcome;

/**
 * What iDempiere's payment documents and its processor's answers mean for the Payments port.
 *
 * <p>Idempotency: a charge or refund is the {@code C_Payment} whose {@code C_Payment_UU} is the
 * name-based UUID of its key ({@link #uuidOf}); iDempiere's unique index on {@code C_Payment_UU}
 * makes a second document for one key impossible, and {@code status} finds the payment by it.
 * The payment is saved (and committed) before the processor is asked, without {@code IsOnline}:
 * a payment found in that state is a request whose answer never came (UNKNOWN).
 */
final class PaymentAnswers {
    private PaymentAnswers() {
    }

    private static final String NAMESPACE = "org.idempiere.subscription.payment:";

    /** The payment's {@code C_Payment_UU} for an idempotency key. */
    static String uuidOf(String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 255) {
            throw SubscriptionException.invalid("idempotencyKey", idempotencyKey, "must be 1 to 255 characters");
        }
        return UUID.nameUUIDFromBytes((NAMESPACE + idempotencyKey).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * What {@code MPayment.processOnline} answered. It catches the processor's exceptions and
     * leaves only an error message; a decline carries the processor's result and message.
     *
     * @param approved       processOnline's answer
     * @param processorFound whether {@code setPaymentProcessor} found a bank account processor
     * @param errorMessage   {@code getErrorMessage()} after it
     * @param result         {@code R_Result}
     * @param respMsg        {@code R_RespMsg}
     * @param pnRef          {@code R_PnRef}, the processor's reference
     */
    static ChargeResult online(boolean approved, boolean processorFound, String errorMessage, String result, String respMsg,
            String pnRef, long paymentId) {
        Optional<String> reference = text(pnRef);
        if (approved) {
            return new ChargeResult(Outcome.SUCCEEDED, Optional.of(paymentId), reference, text(result),
                    text(respMsg).orElse("Approved"));
        }
        if (!processorFound) {
            return new ChargeResult(Outcome.ERRORED, Optional.empty(), Optional.empty(), Optional.of("no_processor"),
                    "No payment processor accepts this tender and currency: set up a bank account processor"
                            + " (C_BankAccount_Processor) for the tenant");
        }
        String error = text(errorMessage).orElse("");
        if (isTimeout(error)) {
            return new ChargeResult(Outcome.UNKNOWN, Optional.of(paymentId), reference, Optional.of("timeout"),
                    "No answer from the payment processor in time: " + error);
        }
        if (text(result).isPresent() || text(respMsg).isPresent()) {
            return new ChargeResult(Outcome.DECLINED, Optional.of(paymentId), reference, text(result).or(() -> Optional.of("declined")),
                    text(respMsg).orElse(error.isEmpty() ? "Declined" : error));
        }
        return new ChargeResult(Outcome.ERRORED, Optional.of(paymentId), reference, Optional.of("processing_error"),
                error.isEmpty() ? "The payment processor failed" : error);
    }

    /** Whether a processor's error says its call timed out (the money may have moved). */
    static boolean isTimeout(String error) {
        String e = error.toLowerCase(Locale.ROOT);
        return e.contains("timed out") || e.contains("timeout") || e.contains("sockettimeoutexception");
    }

    /** A payment document found by its key, as far as the port needs it. */
    record Found(long paymentId, boolean isReceipt, long customerId, long invoiceId, BigDecimal payAmt, String currency,
            String docStatus, boolean approved, boolean online, String result, String respMsg, String pnRef) {

        boolean completed() {
            return "CO".equals(docStatus) || "CL".equals(docStatus);
        }
    }

    /**
     * What a key seen before answers, without asking the processor again.
     *
     * @throws SubscriptionException INVALID_VALUE naming {@code idempotencyKey} when the key's
     *         payment is for another customer, invoice, amount or direction
     */
    static ChargeResult repeated(Found f, ChargeRequest request, boolean refund) {
        boolean same = f.isReceipt() != refund && f.customerId() == request.customerId() && f.invoiceId() == request.invoiceId()
                && f.payAmt().compareTo(request.amount().amount()) == 0
                && f.currency().equals(request.amount().currency().getCurrencyCode());
        if (!same) {
            throw SubscriptionException.invalid("idempotencyKey", request.idempotencyKey(),
                    "was used for another request; a key names one charge or refund");
        }
        return state(f);
    }

    /** The result a payment document stands for now. */
    static ChargeResult state(Found f) {
        Optional<String> reference = text(f.pnRef());
        if (f.approved() && f.completed()) {
            return new ChargeResult(Outcome.SUCCEEDED, Optional.of(f.paymentId()), reference, text(f.result()),
                    text(f.respMsg()).orElse("Approved"));
        }
        if (f.approved()) {
            return new ChargeResult(Outcome.UNKNOWN, Optional.of(f.paymentId()), reference, Optional.of("not_completed"),
                    "Approved by the processor but the payment is not completed yet (" + f.docStatus() + ")");
        }
        if (!f.online()) {
            return new ChargeResult(Outcome.UNKNOWN, Optional.of(f.paymentId()), reference, Optional.of("no_answer"),
                    "Sent to the payment processor; its answer has not been recorded");
        }
        if (text(f.result()).isPresent() || text(f.respMsg()).isPresent()) {
            return new ChargeResult(Outcome.DECLINED, Optional.of(f.paymentId()), reference,
                    text(f.result()).or(() -> Optional.of("declined")), text(f.respMsg()).orElse("Declined"));
        }
        return new ChargeResult(Outcome.ERRORED, Optional.of(f.paymentId()), reference, Optional.of("processing_error"),
                "The payment processor failed");
    }

    private static Optional<String> text(String s) {
        return Optional.ofNullable(s).map(String::strip).filter(t -> !t.isEmpty());
    }
}
