package org.idempiere.subscription.core.internal.analytics.revenue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.JournalDraft.JournalLineDraft;

/**
 * What booking a month of recognized revenue writes, database-free: which accounts each plan's
 * revenue goes to, what is still to book (recognized now minus booked before, per currency and
 * pair of accounts), and the journal lines.
 *
 * <pre>
 *  amount &gt; 0:  Dr deferred revenue   Cr recognized revenue      (revenue earned)
 *  amount &lt; 0:  Dr recognized revenue Cr deferred revenue        (credits for days earned before)
 * </pre>
 */
public final class BookingPlan {
    /** The host setting with the tenant's deferred revenue account ({@code C_ValidCombination_ID}). */
    public static final String DEFERRED_SETTING = "SUBSCRIPTIONS_DEFERRED_REVENUE_ACCT";
    /** The host setting with the tenant's recognized revenue account. */
    public static final String REVENUE_SETTING = "SUBSCRIPTIONS_REVENUE_ACCT";

    private BookingPlan() {
    }

    /** A pair of accounts ({@code C_ValidCombination_ID}s). */
    public record Accounts(long deferredId, long revenueId) {
    }

    /** What is booked under: a currency and a pair of accounts. */
    public record Key(String currency, Accounts accounts) {
    }

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::currency)
            .thenComparingLong(k -> k.accounts().deferredId()).thenComparingLong(k -> k.accounts().revenueId());

    /**
     * The tenant's default accounts from its two settings: both or neither.
     *
     * @throws SubscriptionException INVALID_STATE naming the setting that is not a positive whole number, or is set alone
     */
    public static Optional<Accounts> tenantAccounts(Optional<String> deferred, Optional<String> revenue) {
        Optional<Long> d = deferred.map(String::strip).filter(v -> !v.isEmpty()).map(v -> accountId(DEFERRED_SETTING, v));
        Optional<Long> r = revenue.map(String::strip).filter(v -> !v.isEmpty()).map(v -> accountId(REVENUE_SETTING, v));
        if (d.isPresent() != r.isPresent()) {
            String missing = d.isPresent() ? REVENUE_SETTING : DEFERRED_SETTING;
            throw SubscriptionException.invalidState(missing, "", "is not set while the other revenue account is: set both");
        }
        return d.map(id -> new Accounts(id, r.get()));
    }

    private static long accountId(String setting, String value) {
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw SubscriptionException.invalidState(setting, value, "must be an account combination id (C_ValidCombination_ID)");
    }

    /**
     * What is still to book, per currency and accounts (ordered; zero amounts left out).
     *
     * @param recognized   per currency, per plan: the month's recognized revenue
     * @param planAccounts the accounts of the plans that have both set
     * @param tenant       the tenant's default accounts
     * @param booked       what was booked for the month before
     * @throws SubscriptionException INVALID_STATE naming {@code SUB_Revenue_Acct} and the plan when
     *         a plan with revenue to book has no accounts and the tenant none either
     */
    public static Map<Key, BigDecimal> toBook(Map<String, Map<Long, BigDecimal>> recognized, Map<Long, Accounts> planAccounts,
            Optional<Accounts> tenant, Map<Key, BigDecimal> booked) {
        Map<Key, BigDecimal> out = new TreeMap<>(ORDER);
        recognized.forEach((currency, byPlan) -> byPlan.forEach((plan, amount) -> {
            if (amount.signum() == 0) {
                return;
            }
            Accounts a = Optional.ofNullable(planAccounts.get(plan)).or(() -> tenant).orElseThrow(() ->
                    SubscriptionException.invalidState("SUB_Revenue_Acct", plan, "plan " + plan + " has " + currency + " "
                            + amount.toPlainString() + " to book but no revenue accounts, and the tenant has no default ("
                            + DEFERRED_SETTING + ", " + REVENUE_SETTING + ")"));
            out.merge(new Key(currency, a), amount, BigDecimal::add);
        }));
        booked.forEach((key, amount) -> out.merge(key, amount.negate(), BigDecimal::add));
        out.values().removeIf(a -> a.signum() == 0);
        return out;
    }

    /** The balanced lines of one currency's amounts: two lines per pair of accounts. */
    public static List<JournalLineDraft> lines(Map<Accounts, BigDecimal> amounts, String description) {
        List<JournalLineDraft> out = new ArrayList<>();
        amounts.forEach((a, amount) -> {
            BigDecimal abs = amount.abs();
            BigDecimal zero = BigDecimal.ZERO.setScale(amount.scale());
            long debit = amount.signum() > 0 ? a.deferredId() : a.revenueId();
            long credit = amount.signum() > 0 ? a.revenueId() : a.deferredId();
            out.add(new JournalLineDraft(debit, abs, zero, description));
            out.add(new JournalLineDraft(credit, zero, abs, description));
        });
        return out;
    }
}
