package org.idempiere.subscription.plugin.host;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.idempiere.subscription.api.ServicePeriod;

/**
 * How an iDempiere invoice line carries the service period it pays for. {@code C_InvoiceLine} of
 * iDempiere 12 has no period columns (its only date is {@code RRStartDate}, the start of revenue
 * recognition, which means something else), so the period is written into the line's
 * {@code Description} as {@code 2026-01-31 - 2026-02-27} and read back from there. The customer
 * sees it on the printed invoice.
 */
final class ServicePeriodText {
    /**
     * Length of {@code Description} in iDempiere's dictionary. {@code PO} would silently cut a
     * longer value at the end, which is where the period is; so we shorten the text before it.
     */
    static final int DESCRIPTION_LENGTH = 255;
    private static final Pattern PERIOD = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}) - (\\d{4}-\\d{2}-\\d{2})");
    private static final String ELLIPSIS = "...";

    private ServicePeriodText() {
    }

    /** @return {@code start - end} in ISO dates */
    static String format(ServicePeriod period) {
        return period.start() + " - " + period.end();
    }

    /**
     * @return the line description to store: {@code description} if it already names the period
     *         and fits, otherwise {@code description} (shortened if need be) followed by the period;
     *         the period is never cut off
     */
    static String describe(String description, ServicePeriod period) {
        String text = format(period);
        String base = description == null ? "" : description.strip();
        if (base.contains(text) && base.length() <= DESCRIPTION_LENGTH) {
            return base;
        }
        base = base.replace(text, "").strip();
        if (base.isEmpty()) {
            return text;
        }
        int room = DESCRIPTION_LENGTH - text.length() - 1;
        if (base.length() > room) {
            base = base.substring(0, room - ELLIPSIS.length()).strip() + ELLIPSIS;
        }
        return base + " " + text;
    }

    /** @return the last period named in {@code description}, if it names a valid one */
    static Optional<ServicePeriod> parse(String description) {
        if (description == null) {
            return Optional.empty();
        }
        Matcher m = PERIOD.matcher(description);
        Optional<ServicePeriod> last = Optional.empty();
        while (m.find()) {
            try {
                LocalDate start = LocalDate.parse(m.group(1));
                LocalDate end = LocalDate.parse(m.group(2));
                if (!end.isBefore(start)) {
                    last = Optional.of(new ServicePeriod(start, end));
                }
            } catch (DateTimeParseException e) {
                // not a date (e.g. 2026-02-30): not a period either
            }
        }
        return last;
    }

    /** @return {@code text} cut to {@code max} characters, or null for blank text */
    static String fit(String text, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.strip();
        return s.length() <= max ? s : s.substring(0, max - ELLIPSIS.length()).strip() + ELLIPSIS;
    }
}
