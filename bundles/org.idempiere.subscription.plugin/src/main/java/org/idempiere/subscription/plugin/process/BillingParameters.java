package org.idempiere.subscription.plugin.process;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.BillingRunReport;
import org.idempiere.subscription.api.service.BillingScope;

/**
 * The parameters of the process Generate Subscription Invoices and the text it reports, without
 * iDempiere: {@link GenerateInvoices} hands over the parameters as name/value pairs as
 * {@code ProcessInfoParameter} carries them ({@code Timestamp} for dates, {@code BigDecimal} or
 * {@code Integer} for ids).
 */
public final class BillingParameters {
    /** As-of date: periods due on or before it are invoiced; empty means today. */
    public static final String AS_OF_DATE = "AsOfDate";
    /** Only subscriptions of this template (plan). */
    public static final String TEMPLATE = "SUB_Template_ID";
    /** Only subscriptions of this organization. */
    public static final String ORGANIZATION = "AD_Org_ID";
    /** Y: one invoice per customer, bill-to, currency and day. */
    public static final String CONSOLIDATE = "SUB_Consolidate";
    /** The process's search key ({@code AD_Process.Value}). */
    public static final String PROCESS = "SUB_GenerateInvoices";
    /** Every parameter the process reads; any other is refused. */
    public static final List<String> NAMES = List.of(AS_OF_DATE, TEMPLATE, ORGANIZATION, CONSOLIDATE);

    private BillingParameters() {
    }

    /**
     * What the user asked for.
     *
     * @param templateId     the plan to restrict billing to, if one was chosen
     * @param organizationId the organization to restrict billing to, if one other than {@code *} was chosen
     */
    public record Request(LocalDate asOf, Optional<Long> templateId, Optional<Long> organizationId, boolean consolidate) {

        /** A request without consolidation. */
        public Request(LocalDate asOf, Optional<Long> templateId, Optional<Long> organizationId) {
            this(asOf, templateId, organizationId, false);
        }

        /** @return the subscriptions to bill: those of the chosen template and/or organization, else all; consolidating or not */
        public BillingScope scope() {
            return new BillingScope(templateId, organizationId, consolidate);
        }
    }

    /**
     * @param values parameter name to value, as the process received them; null values are "not set"
     * @param today  the default as-of date
     * @throws SubscriptionException INVALID_VALUE naming the parameter whose value has the wrong type,
     *         or that is not one of {@link #NAMES}
     */
    public static Request parse(Map<String, Object> values, LocalDate today) {
        ProcessValues.requireKnown(values, PROCESS, NAMES);
        Object asOf = values.get(AS_OF_DATE);
        LocalDate date;
        if (asOf == null) {
            date = today;
        } else if (asOf instanceof Timestamp t) {
            date = t.toLocalDateTime().toLocalDate();
        } else {
            throw SubscriptionException.invalid(AS_OF_DATE, asOf, "is not a date");
        }
        Object consolidate = values.get(CONSOLIDATE);
        if (consolidate != null && !(consolidate instanceof Boolean) && !"Y".equals(consolidate) && !"N".equals(consolidate)) {
            throw SubscriptionException.invalid(CONSOLIDATE, consolidate, "is not Y or N");
        }
        boolean merged = Boolean.TRUE.equals(consolidate) || "Y".equals(consolidate);
        return new Request(date, ProcessValues.id(values, TEMPLATE), ProcessValues.id(values, ORGANIZATION), merged);
    }

    /** @return the process's result message: run id, date, counts and net amounts invoiced per currency, in ISO code order */
    public static String summary(BillingRunReport report) {
        int failures = report.failuresCount();
        StringBuilder s = new StringBuilder("Billing run ").append(report.runId()).append(" as of ").append(report.asOf())
                .append(": ").append(report.subscriptionsProcessed()).append(" subscription(s) billed, ")
                .append(report.invoicesCreated()).append(" invoice(s) created");
        if (!report.netByCurrency().isEmpty()) {
            s.append(" (net ");
            s.append(String.join(", ", new TreeMap<>(report.netByCurrency()).entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue().toPlainString()).toList()));
            s.append(')');
        }
        return s.append(", ").append(failures).append(failures == 1 ? " failure" : " failures").toString();
    }

    /**
     * @return one log line per subscription that could not be billed (the report lists the first
     *         {@value BillingRunReport#MAX_LISTED}), and a line counting the rest
     */
    public static List<String> failureLines(BillingRunReport report) {
        List<String> lines = new ArrayList<>(report.failures().stream()
                .map(f -> "Subscription " + f.subscriptionId() + " not billed (" + f.code() + "): " + f.message()).toList());
        int unlisted = report.failuresCount() - report.failures().size();
        if (unlisted > 0) {
            lines.add("... and " + unlisted + " more subscription(s) not billed");
        }
        return lines;
    }
}
