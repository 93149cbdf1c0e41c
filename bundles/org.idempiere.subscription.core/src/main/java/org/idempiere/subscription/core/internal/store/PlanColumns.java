package org.idempiere.subscription.core.internal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.DictionaryCode;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.RecurrenceUnit;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.PlanSettings;
import org.idempiere.subscription.api.service.Term;

/**
 * The scheduling columns a template and a subscription share: {@code RecurrenceEvery},
 * {@code RecurrenceUnit}, {@code BillingTiming}, {@code TermPeriods}, {@code IsAutoRenew},
 * {@code BillingDay}. On a template an empty {@code TermPeriods} is open-ended and an empty
 * {@code BillingDay} anniversary; on a subscription an empty column is "the template's" and 0 says
 * open-ended or anniversary (a subscription always stores all of them once it is active).
 */
final class PlanColumns {
    private PlanColumns() {
    }

    /** The settings in a row whose scheduling columns carry the names above (0 or empty: none). */
    static PlanSettings read(ResultSet rs) throws SQLException {
        Recurrence recurrence = new Recurrence(rs.getInt("RecurrenceEvery"),
                DictionaryCode.fromCode(RecurrenceUnit.class, "RecurrenceUnit", rs.getString("RecurrenceUnit")));
        BillingTiming billing = DictionaryCode.fromCode(BillingTiming.class, "BillingTiming", rs.getString("BillingTiming"));
        int periods = rs.getInt("TermPeriods");
        if (periods < 0 || periods > 1000) { // a value typed into the window
            throw SubscriptionException.invalid("termPeriods", periods, "must be 0 (open-ended) or between 1 and 1000");
        }
        Optional<Term> term = periods > 0 ? Optional.of(new Term(periods, "Y".equals(rs.getString("IsAutoRenew"))))
                : Optional.empty();
        int day = rs.getInt("BillingDay");
        if (day < 0) {
            throw SubscriptionException.invalid("billingDay", day, "must be 0 (anniversary) or between 1 and 31");
        }
        return new PlanSettings(recurrence, billing, term, day > 0 ? Optional.of(day) : Optional.empty());
    }

    /** Sets the columns of a template row. */
    static Insert template(Insert insert, PlanSettings p) {
        return insert.set("RecurrenceEvery", p.recurrence().every())
                .set("RecurrenceUnit", p.recurrence().unit().code())
                .set("BillingTiming", p.billing().code())
                .set("TermPeriods", p.term().map(Term::periods))
                .set("IsAutoRenew", p.term().map(t -> t.autoRenew() ? "Y" : "N").orElse("Y"))
                .set("BillingDay", p.billingDay());
    }

    /** Sets the columns of a subscription row: all of them, none left to the template. */
    static Insert subscription(Insert insert, PlanSettings p) {
        return template(insert, p)
                .set("TermPeriods", p.term().map(Term::periods).orElse(0))
                .set("BillingDay", p.billingDay().orElse(0));
    }

    /**
     * The subscription's settings resolved against its template's ({@code s} and {@code t}),
     * under the column names {@link #read} expects.
     */
    static final String RESOLVED = "COALESCE(s.RecurrenceEvery, t.RecurrenceEvery) AS RecurrenceEvery,"
            + " COALESCE(s.RecurrenceUnit, t.RecurrenceUnit) AS RecurrenceUnit,"
            + " COALESCE(s.BillingTiming, t.BillingTiming) AS BillingTiming,"
            + " CASE WHEN s.TermPeriods IS NULL THEN t.TermPeriods ELSE s.TermPeriods END AS TermPeriods,"
            + " CASE WHEN s.TermPeriods IS NULL THEN t.IsAutoRenew ELSE s.IsAutoRenew END AS IsAutoRenew,"
            + " CASE WHEN s.BillingDay IS NULL THEN t.BillingDay ELSE s.BillingDay END AS BillingDay";
}
