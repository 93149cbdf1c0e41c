package org.idempiere.subscription.plugin.process;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.RevenueBookingReport;
import org.idempiere.subscription.api.service.RevenueBookingService;

/**
 * The process Book Subscription Revenue Recognition without iDempiere: its parameter (any day of
 * the month to book, {@code DateAcct}), the engine it needs, and the text it reports.
 */
public final class BookParameters {
    /** The process's search key ({@code AD_Process.Value}). */
    public static final String PROCESS = "SUB_BookRevenue";
    /** A day of the month to book. */
    public static final String DATE_ACCT = "DateAcct";
    /** Every parameter the process reads. */
    public static final List<String> NAMES = List.of(DATE_ACCT);
    /** Why the process cannot run while no engine books revenue. */
    public static final String NO_BOOKING_SERVICE = "Revenue booking is not available: no subscription RevenueBookingService is"
            + " registered (it needs the engine, org.idempiere.subscription.core, and this plugin's general ledger). Nothing was booked.";

    private BookParameters() {
    }

    /**
     * @param values parameter name to value, as the process received them
     * @return the month of {@code DateAcct}
     * @throws SubscriptionException REQUIRED or INVALID_VALUE naming {@code DateAcct}, or an unknown parameter
     */
    public static YearMonth month(Map<String, Object> values) {
        ProcessValues.requireKnown(values, PROCESS, NAMES);
        Object v = values.get(DATE_ACCT);
        if (v == null) {
            throw SubscriptionException.required(DATE_ACCT);
        }
        LocalDate day;
        if (v instanceof Timestamp t) {
            day = t.toLocalDateTime().toLocalDate();
        } else if (v instanceof LocalDate d) {
            day = d;
        } else {
            throw SubscriptionException.invalid(DATE_ACCT, v, "is not a date");
        }
        return YearMonth.from(day);
    }

    /** Books the month of the parameters with the engine, if there is one. */
    public static RevenueBookingReport book(Map<String, Object> values, Optional<RevenueBookingService> engine) {
        YearMonth month = month(values);
        return engine.orElseThrow(() -> new IllegalStateException(NO_BOOKING_SERVICE)).book(month);
    }

    /** @return the process's result: the journals booked per currency, or that nothing was left to book */
    public static String summary(RevenueBookingReport report) {
        if (report.journals().isEmpty()) {
            return "Revenue recognition " + report.month() + ": nothing to book (booked already, nothing changed since)";
        }
        StringBuilder s = new StringBuilder("Revenue recognition " + report.month() + ": ");
        for (int i = 0; i < report.journals().size(); i++) {
            RevenueBookingReport.Journal j = report.journals().get(i);
            s.append(i == 0 ? "" : "; ").append("GL journal ").append(j.documentNo()).append(' ').append(j.currency()).append(' ')
                    .append(j.amount().toPlainString());
        }
        return s.toString();
    }
}
