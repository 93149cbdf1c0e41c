package org.idempiere.subscription.api.service;

import java.util.List;
import java.util.Objects;
import org.idempiere.subscription.api.CreditHandling;
import org.idempiere.subscription.api.PaymentMode;
import org.idempiere.subscription.api.SubscriptionException;

/**
 * How a template's subscriptions pay: the payment mode, and for automatic payments the retry
 * schedule after a failed charge. Immutable.
 *
 * @param mode      manual (transfer) or automatic (charged to the default saved method)
 * @param retryDays the days after the first failure on which a failed charge is tried again, in
 *                  increasing order (default 1, 3, 5, 7); empty: never again
 * @param credits   what becomes of a credit adjustment of a subscription paid automatically:
 *                  refunded to the payments, or carried as customer credit (the default)
 */
public record PaymentTerms(PaymentMode mode, List<Integer> retryDays, CreditHandling credits) {
    /** The most retries a schedule may have. */
    public static final int MAX_RETRIES = 10;
    /** The latest retry, in days after the first failure. */
    public static final int MAX_RETRY_DAY = 90;
    /** The retries when none are given: 1, 3, 5 and 7 days after the first failure. */
    public static final List<Integer> DEFAULT_RETRY_DAYS = List.of(1, 3, 5, 7);
    /** Invoices paid by transfer: the default. */
    public static final PaymentTerms MANUAL = new PaymentTerms(PaymentMode.MANUAL, DEFAULT_RETRY_DAYS);

    /**
     * @throws SubscriptionException INVALID_VALUE naming {@code payment.retryDays} for more than
     *         {@value #MAX_RETRIES} days, a day outside 1..{@value #MAX_RETRY_DAY}, or days not increasing
     */
    public PaymentTerms {
        mode = Objects.requireNonNullElse(mode, PaymentMode.MANUAL);
        credits = Objects.requireNonNullElse(credits, CreditHandling.CARRY);
        retryDays = retryDays == null ? DEFAULT_RETRY_DAYS : List.copyOf(retryDays);
        if (retryDays.size() > MAX_RETRIES) {
            throw SubscriptionException.invalid("payment.retryDays", retryDays, "has more than " + MAX_RETRIES + " days");
        }
        int last = 0;
        for (int day : retryDays) {
            if (day < 1 || day > MAX_RETRY_DAY || day <= last) {
                throw SubscriptionException.invalid("payment.retryDays", retryDays, "must be increasing days from 1 to "
                        + MAX_RETRY_DAY + " after the first failure");
            }
            last = day;
        }
    }

    /** Terms whose credits are carried as customer credit (the default); compatible with earlier callers. */
    public PaymentTerms(PaymentMode mode, List<Integer> retryDays) {
        this(mode, retryDays, CreditHandling.CARRY);
    }

    /** @return these terms with credits handled as given */
    public PaymentTerms withCredits(CreditHandling handling) {
        return new PaymentTerms(mode, retryDays, handling);
    }

    /**
     * @return the retry days as stored ({@code SUB_Template.PaymentRetryDays}), separated by spaces
     *         as the dictionary's default is, e.g. "1 3 5 7" (iDempiere splits a field's default at commas)
     */
    public String retryDaysText() {
        return String.join(" ", retryDays.stream().map(String::valueOf).toList());
    }

    /**
     * Reads the stored form of {@link #retryDaysText()}: days separated by spaces or commas (as
     * entered in iDempiere's window, or stored before spaces were the form).
     *
     * @throws SubscriptionException INVALID_VALUE naming {@code payment.retryDays} if it is not a list of days
     */
    public static List<Integer> parseRetryDays(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            return java.util.Arrays.stream(text.strip().split("[\\s,]+")).map(Integer::valueOf).toList();
        } catch (NumberFormatException e) {
            throw SubscriptionException.invalid("payment.retryDays", text, "is not a list of days such as 1 3 5 7");
        }
    }
}
