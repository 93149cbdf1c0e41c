package org.idempiere.subscription.api.service;

import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeTiming;
import org.idempiere.subscription.api.PriceUpdate;
import org.idempiere.subscription.api.Recurrence;

/**
 * A stored template (plan): {@code SUB_Template}.
 *
 * @param term       a fixed term; empty for open-ended subscriptions
 * @param billingDay   calendar alignment on this day of the month; empty for anniversary (see {@link PlanSettings})
 * @param changeTiming when its subscriptions take a change of lines or plan
 * @param priceUpdate  when a price-list change reaches its subscribers
 * @param noticeDays   a fixed term's renewal notice period: notice not to renew given later than
 *                     this many days before the term ends takes effect at the end of the next term
 * @param customer     what customers may change or close themselves
 * @param autoCloseDays close a subscription one of whose invoices is still unpaid this many days
 *                     after its date (a billing run does it, with a churn entry); empty: never
 * @param emailInvoices e-mail each invoice of its subscriptions to the customer (a subscription may
 *                     say otherwise)
 * @param payment      how its subscriptions pay: manual (transfer) or automatic, with the retry schedule
 * @param lines        the active default lines ({@code SUB_TemplateLine}) in line order
 */
public record Template(long id, String name, Optional<String> description, Recurrence recurrence, BillingTiming billing,
        Optional<Term> term, Optional<Integer> billingDay, ChangeTiming changeTiming, PriceUpdate priceUpdate,
        Optional<Integer> noticeDays, CustomerTerms customer, Optional<Integer> autoCloseDays, boolean emailInvoices,
        PaymentTerms payment, List<LineDraft> lines) {

    public Template {
        payment = payment == null ? PaymentTerms.MANUAL : payment;
        autoCloseDays = autoCloseDays == null ? Optional.empty() : autoCloseDays;
        customer = customer == null ? CustomerTerms.NONE : customer;
        noticeDays = noticeDays == null ? Optional.empty() : noticeDays;
        billingDay = billingDay == null ? Optional.empty() : billingDay;
        changeTiming = changeTiming == null ? ChangeTiming.IMMEDIATE : changeTiming;
        priceUpdate = priceUpdate == null ? PriceUpdate.AT_RENEWAL : priceUpdate;
        lines = List.copyOf(lines);
    }

    /** A template whose invoices are paid by transfer. */
    public Template(long id, String name, Optional<String> description, Recurrence recurrence, BillingTiming billing,
            Optional<Term> term, Optional<Integer> billingDay, ChangeTiming changeTiming, PriceUpdate priceUpdate,
            Optional<Integer> noticeDays, CustomerTerms customer, Optional<Integer> autoCloseDays, boolean emailInvoices,
            List<LineDraft> lines) {
        this(id, name, description, recurrence, billing, term, billingDay, changeTiming, priceUpdate, noticeDays, customer,
                autoCloseDays, emailInvoices, PaymentTerms.MANUAL, lines);
    }

    /** A template whose subscribers get new list prices at renewal. */
    public Template(long id, String name, Optional<String> description, Recurrence recurrence, BillingTiming billing,
            Optional<Term> term, Optional<Integer> billingDay, ChangeTiming changeTiming, List<LineDraft> lines) {
        this(id, name, description, recurrence, billing, term, billingDay, changeTiming, PriceUpdate.AT_RENEWAL, lines);
    }

    /** A template without a renewal notice period. */
    public Template(long id, String name, Optional<String> description, Recurrence recurrence, BillingTiming billing,
            Optional<Term> term, Optional<Integer> billingDay, ChangeTiming changeTiming, PriceUpdate priceUpdate,
            List<LineDraft> lines) {
        this(id, name, description, recurrence, billing, term, billingDay, changeTiming, priceUpdate, Optional.empty(), lines);
    }

    /** A template whose customers change nothing themselves. */
    public Template(long id, String name, Optional<String> description, Recurrence recurrence, BillingTiming billing,
            Optional<Term> term, Optional<Integer> billingDay, ChangeTiming changeTiming, PriceUpdate priceUpdate,
            Optional<Integer> noticeDays, List<LineDraft> lines) {
        this(id, name, description, recurrence, billing, term, billingDay, changeTiming, priceUpdate, noticeDays,
                CustomerTerms.NONE, lines);
    }

    /** A template that does not e-mail invoices. */
    public Template(long id, String name, Optional<String> description, Recurrence recurrence, BillingTiming billing,
            Optional<Term> term, Optional<Integer> billingDay, ChangeTiming changeTiming, PriceUpdate priceUpdate,
            Optional<Integer> noticeDays, CustomerTerms customer, Optional<Integer> autoCloseDays, List<LineDraft> lines) {
        this(id, name, description, recurrence, billing, term, billingDay, changeTiming, priceUpdate, noticeDays, customer,
                autoCloseDays, false, lines);
    }

    /** A template that never closes subscriptions for unpaid invoices. */
    public Template(long id, String name, Optional<String> description, Recurrence recurrence, BillingTiming billing,
            Optional<Term> term, Optional<Integer> billingDay, ChangeTiming changeTiming, PriceUpdate priceUpdate,
            Optional<Integer> noticeDays, CustomerTerms customer, List<LineDraft> lines) {
        this(id, name, description, recurrence, billing, term, billingDay, changeTiming, priceUpdate, noticeDays, customer,
                Optional.empty(), lines);
    }

    /** A template whose subscriptions take changes immediately. */
    public Template(long id, String name, Optional<String> description, Recurrence recurrence, BillingTiming billing,
            Optional<Term> term, Optional<Integer> billingDay, List<LineDraft> lines) {
        this(id, name, description, recurrence, billing, term, billingDay, ChangeTiming.IMMEDIATE, lines);
    }

    /** An anniversary-aligned template. */
    public Template(long id, String name, Optional<String> description, Recurrence recurrence, BillingTiming billing,
            Optional<Term> term, List<LineDraft> lines) {
        this(id, name, description, recurrence, billing, term, Optional.empty(), lines);
    }

    /** @return how the template schedules its subscriptions */
    public PlanSettings settings() {
        return new PlanSettings(recurrence, billing, term, billingDay);
    }

    /** A template without default lines. */
    public Template(long id, String name, Optional<String> description, Recurrence recurrence, BillingTiming billing,
            Optional<Term> term) {
        this(id, name, description, recurrence, billing, term, List.of());
    }

    /** An open-ended template without default lines. */
    public Template(long id, String name, Optional<String> description, Recurrence recurrence, BillingTiming billing) {
        this(id, name, description, recurrence, billing, Optional.empty());
    }
}
