package org.idempiere.subscription.api.service;

import java.util.Objects;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.PaymentMode;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.SubscriptionException;

/**
 * The settings a new subscription takes other than its template's; each empty one is the
 * template's.
 *
 * @param termPeriods 0 for open-ended, else 1 to 1000 periods per term
 * @param autoRenew   with {@code termPeriods}: renew for another term (default) or expire; alone:
 *                    the template's term, renewing or not
 * @param billingDay  0 for anniversary alignment, else the day of the month periods start on (1 to 31)
 * @param emailInvoices e-mail its invoices (true) or not (false) whatever the template says
 * @param paymentMode  how its invoices are paid whatever the template says (its own
 *                     {@code PaymentMode}); empty: as the template says
 */
public record SettingsOverride(Optional<Recurrence> recurrence, Optional<BillingTiming> billing,
        Optional<Integer> termPeriods, Optional<Boolean> autoRenew, Optional<Integer> billingDay,
        Optional<Boolean> emailInvoices, Optional<PaymentMode> paymentMode) {

    /** No override: everything as the template says. */
    public static final SettingsOverride NONE = new SettingsOverride(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** Overrides without the payment mode: paid as the template says. */
    public SettingsOverride(Optional<Recurrence> recurrence, Optional<BillingTiming> billing, Optional<Integer> termPeriods,
            Optional<Boolean> autoRenew, Optional<Integer> billingDay, Optional<Boolean> emailInvoices) {
        this(recurrence, billing, termPeriods, autoRenew, billingDay, emailInvoices, Optional.empty());
    }

    /** Overrides of the schedule only: invoices e-mailed as the template says. */
    public SettingsOverride(Optional<Recurrence> recurrence, Optional<BillingTiming> billing, Optional<Integer> termPeriods,
            Optional<Boolean> autoRenew, Optional<Integer> billingDay) {
        this(recurrence, billing, termPeriods, autoRenew, billingDay, Optional.empty(), Optional.empty());
    }

    /** @throws SubscriptionException INVALID_VALUE naming {@code termPeriods} or {@code billingDay} out of range */
    public SettingsOverride {
        recurrence = Objects.requireNonNullElse(recurrence, Optional.empty());
        billing = Objects.requireNonNullElse(billing, Optional.empty());
        termPeriods = Objects.requireNonNullElse(termPeriods, Optional.empty());
        autoRenew = Objects.requireNonNullElse(autoRenew, Optional.empty());
        billingDay = Objects.requireNonNullElse(billingDay, Optional.empty());
        emailInvoices = Objects.requireNonNullElse(emailInvoices, Optional.empty());
        paymentMode = Objects.requireNonNullElse(paymentMode, Optional.empty());
        termPeriods.filter(p -> p < 0 || p > 1000).ifPresent(p -> {
            throw SubscriptionException.invalid("termPeriods", p, "must be 0 (open-ended) or between 1 and 1000");
        });
        billingDay.filter(d -> d < 0 || d > 31).ifPresent(d -> {
            throw SubscriptionException.invalid("billingDay", d, "must be 0 (anniversary) or between 1 and 31");
        });
    }

    /**
     * @return {@code plan} with these overrides
     * @throws SubscriptionException INVALID_VALUE naming {@code billingDay} when the result aligns
     *         a recurrence that is not in months, {@code autoRenew} when the result is open-ended
     */
    public PlanSettings applyTo(PlanSettings plan) {
        boolean openEnded = termPeriods.map(p -> p == 0).orElse(plan.term().isEmpty());
        if (autoRenew.isPresent() && openEnded) {
            throw SubscriptionException.invalid("autoRenew", autoRenew.get(), "needs a fixed term: give termPeriods above 0");
        }
        Optional<Term> term;
        if (termPeriods.isPresent()) {
            term = termPeriods.get() == 0 ? Optional.empty() : Optional.of(new Term(termPeriods.get(), autoRenew.orElse(true)));
        } else {
            term = plan.term().map(t -> new Term(t.periods(), autoRenew.orElse(t.autoRenew())));
        }
        Optional<Integer> day = billingDay.isPresent() ? billingDay.filter(d -> d > 0) : plan.billingDay();
        return new PlanSettings(recurrence.orElse(plan.recurrence()), billing.orElse(plan.billing()), term, day);
    }
}
