package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Supplier;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeType;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.service.CloseReasonService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.idempiere.subscription.sandbox.internal.db.Rows;

/**
 * A tenant of its own for analytics tests (the figures are tenant-wide), in EUR, with CZK rates of its
 * own: 0.04 EUR per CZK from 2024-01-01, 0.041 from 2025-01-01. Subscriptions are written as rows and
 * their ledger entries appended as the engine appends them (with the plan and the refresher's queue row),
 * so a test can write any ledger, entries dated in the past included.
 */
final class AnalyticsWorld {
    static final long EUR = 102;
    static final long CZK = 114;

    final Tenant tenant;
    private final HostContext host = service(HostContext.class);

    private AnalyticsWorld(Tenant tenant) {
        this.tenant = tenant;
    }

    static AnalyticsWorld create() {
        HostContext host = service(HostContext.class);
        long id = host.inTransaction(tx -> {
            long next = Math.max(5_000_000, Rows.first(tx.connection(), "SELECT COALESCE(MAX(ad_client_id), 0) + 1 FROM sbx_tenant",
                    rs -> rs.getLong(1)).orElseThrow());
            Rows.update(tx.connection(), "INSERT INTO sbx_tenant (ad_client_id, name, c_currency_id) VALUES (?, ?, ?)", next,
                    "Analytics " + next, EUR);
            Rows.update(tx.connection(), "INSERT INTO sbx_conversion_rate (c_conversion_rate_id, ad_client_id, c_currency_id,"
                    + " c_currency_id_to, valid_from, multiply_rate) VALUES (?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?)",
                    Rows.nextId(tx.connection()), next, CZK, EUR, LocalDate.parse("2024-01-01"), new BigDecimal("0.04"),
                    Rows.nextId(tx.connection()), next, CZK, EUR, LocalDate.parse("2025-01-01"), new BigDecimal("0.041"));
            return next;
        });
        return new AnalyticsWorld(new Tenant(id, id, 100));
    }

    <T> T as(Supplier<T> work) {
        return host.actingFor(tenant, work);
    }

    long plan(String name, Recurrence r, BillingTiming billing) {
        return as(() -> service(TemplateService.class).create(new TemplateDraft(unique(name), Optional.empty(), r, billing)).id());
    }

    long reason(String name) {
        return as(() -> service(CloseReasonService.class).create(name, Optional.empty()).id());
    }

    /** A subscription row of a customer on a plan, in a currency, started on a day (no ledger entry yet). */
    long subscription(long customer, long plan, long currency, String start) {
        return as(() -> host.inTransaction(tx -> {
            long id = host.nextId(tx, "SUB_Subscription");
            Rows.update(tx.connection(), "INSERT INTO SUB_Subscription (SUB_Subscription_ID, AD_Client_ID, AD_Org_ID, CreatedBy,"
                    + " UpdatedBy, DocumentNo, SUB_Template_ID, C_BPartner_ID, C_BPartner_Location_ID, C_Currency_ID, M_PriceList_ID,"
                    + " StartDate) VALUES (?, ?, ?, 100, 100, ?, ?, ?, 1, ?, 1, ?)", id, tenant.clientId(), tenant.orgId(), "A-" + id,
                    plan, customer, currency, LocalDate.parse(start));
            return id;
        }));
    }

    /** Moves a subscription to another plan (entries appended afterwards carry it). */
    void setPlan(long subscription, long plan) {
        sql("UPDATE SUB_Subscription SET SUB_Template_ID = ? WHERE SUB_Subscription_ID = ?", plan, subscription);
    }

    /** Records the reason a subscription was closed for. */
    void closeReason(long subscription, long reason, String comment) {
        sql("UPDATE SUB_Subscription SET SUB_CloseReason_ID = ?, CloseReason = ? WHERE SUB_Subscription_ID = ?", reason, comment,
                subscription);
    }

    /**
     * Appends a ledger entry as the engine does — the customer queued for the refresher in the same transaction, the
     * id the next one whatever the date, a churn with the subscription's close reason and comment (set them first,
     * {@link #closeReason}) — with the subscription's plan now: this world moves plans by updating the
     * subscription, with no applied change of plan in {@code SUB_Change}, where the engine's rule (decision 0048)
     * takes the plan now too.
     */
    long entry(long subscription, String day, ChangeType type, String before, String after, long currency, boolean delinquent) {
        return entry(subscription, day, type, before, after, currency, delinquent, 0);
    }

    /** As {@link #entry(long, String, ChangeType, String, String, long, boolean)}, with the plan given (0: the subscription's). */
    long entry(long subscription, String day, ChangeType type, String before, String after, long currency, boolean delinquent,
            long plan) {
        return as(() -> host.inTransaction(tx -> {
            long id = host.nextId(tx, "SUB_ChangeLog");
            Rows.update(tx.connection(), "INSERT INTO SUB_ChangeLog (SUB_ChangeLog_ID, AD_Client_ID, AD_Org_ID, CreatedBy, UpdatedBy,"
                    + " SUB_Subscription_ID, DateTrx, ChangeType, MRRBefore, MRRAfter, C_Currency_ID, IsDelinquent, SUB_Template_ID,"
                    + " Description, SUB_CloseReason_ID, CloseReason) SELECT ?, ?, ?, 100, 100, s.SUB_Subscription_ID, ?, ?, ?, ?, ?, ?,"
                    + " COALESCE(?, s.SUB_Template_ID), ?, CASE WHEN ? THEN s.SUB_CloseReason_ID END, CASE WHEN ? THEN s.CloseReason END"
                    + " FROM SUB_Subscription s WHERE s.SUB_Subscription_ID = ?", id, tenant.clientId(), tenant.orgId(),
                    LocalDate.parse(day), type.code(), new BigDecimal(before), new BigDecimal(after), currency, delinquent ? "Y" : "N",
                    plan == 0 ? null : BigDecimal.valueOf(plan), type.name(), type == ChangeType.CHURN, type == ChangeType.CHURN,
                    subscription);
            Rows.update(tx.connection(), "INSERT INTO SUB_AnalyticsQueue (SUB_AnalyticsQueue_ID, AD_Client_ID, AD_Org_ID, CreatedBy,"
                    + " UpdatedBy, C_BPartner_ID, SUB_ChangeLog_ID) SELECT ?, ?, ?, 100, 100, s.C_BPartner_ID, ? FROM SUB_Subscription s"
                    + " WHERE s.SUB_Subscription_ID = ?", id, tenant.clientId(), tenant.orgId(), id, subscription);
            return id;
        }));
    }

    /** A recurring line of a product at a fixed price, quantity 1 in the product's unit. */
    void line(long subscription, long product, BigDecimal price) {
        long uom = as(() -> host.inTransaction(tx -> service(Catalog.class).product(tx, product).orElseThrow().uomId()));
        long id = as(() -> host.inTransaction(tx -> host.nextId(tx, "SUB_SubscriptionLine")));
        sql("INSERT INTO SUB_SubscriptionLine (SUB_SubscriptionLine_ID, AD_Client_ID, AD_Org_ID, CreatedBy, UpdatedBy,"
                + " SUB_Subscription_ID, Line, M_Product_ID, QtyEntered, C_UOM_ID, IsManualPrice, PriceEntered) VALUES"
                + " (?, ?, ?, 100, 100, ?, 10, ?, 1, ?, 'Y', ?)", id, tenant.clientId(), tenant.orgId(), subscription, product, uom, price);
    }

    /** A billing run for {@link #billingItem} to belong to. */
    long billingRun(String asOf) {
        long id = as(() -> host.inTransaction(tx -> host.nextId(tx, "SUB_BillingRun")));
        sql("INSERT INTO SUB_BillingRun (SUB_BillingRun_ID, AD_Client_ID, AD_Org_ID, CreatedBy, UpdatedBy, AsOfDate, DateStarted)"
                + " VALUES (?, ?, ?, 100, 100, ?, now())", id, tenant.clientId(), tenant.orgId(), LocalDate.parse(asOf));
        return id;
    }

    /**
     * An invoiced period as a billing run records it, without the engine (so without its revenue: run
     * {@code AnalyticsService.rebuildRevenue()} after), one month from {@code start}.
     */
    void billingItem(long run, long subscription, LocalDate start, long invoice, BigDecimal net, BigDecimal setupFee, long currency) {
        long id = as(() -> host.inTransaction(tx -> host.nextId(tx, "SUB_BillingItem")));
        sql("INSERT INTO SUB_BillingItem (SUB_BillingItem_ID, AD_Client_ID, AD_Org_ID, CreatedBy, UpdatedBy, SUB_Subscription_ID,"
                + " SUB_BillingRun_ID, PeriodStart, PeriodEnd, C_Invoice_ID, LineNetAmt, SetupFeeAmt, C_Currency_ID)"
                + " VALUES (?, ?, ?, 100, 100, ?, ?, ?, ?, ?, ?, ?, ?)", id, tenant.clientId(), tenant.orgId(), subscription, run, start,
                start.plusMonths(1).minusDays(1), invoice, net, setupFee, currency);
    }

    /** A change taking effect on {@code day} with an adjustment of {@code net}, invoiced unless {@code invoice} is null. */
    void adjustment(long subscription, LocalDate day, Long invoice, BigDecimal net) {
        long id = as(() -> host.inTransaction(tx -> host.nextId(tx, "SUB_Change")));
        sql("INSERT INTO SUB_Change (SUB_Change_ID, AD_Client_ID, AD_Org_ID, CreatedBy, UpdatedBy, SUB_Subscription_ID, ValidFrom,"
                + " C_Invoice_ID, LineNetAmt) VALUES (?, ?, ?, 100, 100, ?, ?, ?, ?)", id, tenant.clientId(), tenant.orgId(), subscription,
                day, invoice, net);
    }

    /**
     * The host's void of the invoice of a monthly period starting {@code periodStart}, recorded as the engine records
     * it ({@code BillingService.invoiceReversed}): the reversal (net and one-time amounts negated, dated {@code day})
     * and its reversal item for the period, which revenue counts from {@code day} under the plan of the period's days.
     */
    void reversal(long subscription, long invoice, LocalDate periodStart, LocalDate day, BigDecimal net, BigDecimal oneTime,
            long currency) {
        long id = as(() -> host.inTransaction(tx -> host.nextId(tx, "SUB_InvoiceReversal")));
        sql("INSERT INTO SUB_InvoiceReversal (SUB_InvoiceReversal_ID, AD_Client_ID, AD_Org_ID, CreatedBy, UpdatedBy,"
                + " SUB_Subscription_ID, C_Invoice_ID, DateTrx, LineNetAmt, OneTimeAmt, C_Currency_ID) VALUES (?, ?, ?, 100, 100, ?, ?, ?, ?,"
                + " ?, ?)", id, tenant.clientId(), tenant.orgId(), subscription, invoice, day, net.negate(), oneTime.negate(), currency);
        long item = as(() -> host.inTransaction(tx -> host.nextId(tx, "SUB_AdjustmentItem")));
        sql("INSERT INTO SUB_AdjustmentItem (SUB_AdjustmentItem_ID, SUB_AdjustmentItem_UU, AD_Client_ID, AD_Org_ID, CreatedBy,"
                + " UpdatedBy, SUB_Subscription_ID, C_Invoice_ID, DateInvoiced, PeriodStart, PeriodEnd, LineNetAmt, C_Currency_ID,"
                + " SUB_InvoiceReversal_ID) VALUES (?, ?, ?, ?, 100, 100, ?, ?, ?, ?, ?, ?, ?, ?)", item,
                java.util.UUID.randomUUID().toString(), tenant.clientId(), tenant.orgId(), subscription, invoice, day, periodStart,
                periodStart.plusMonths(1).minusDays(1), net.negate(), currency, id);
    }

    void sql(String sql, Object... params) {
        as(() -> host.inTransaction(tx -> Rows.update(tx.connection(), sql, params)));
    }
}
