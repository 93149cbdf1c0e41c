package org.idempiere.subscription.tests;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.idempiere.subscription.sandbox.internal.host.MasterData;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Access to the running sandbox from the tests: services, fresh master data, SQL checks. */
final class Sandbox {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Sandbox() {
    }

    static BundleContext context() {
        return FrameworkUtil.getBundle(Sandbox.class).getBundleContext();
    }

    /** The service, waiting for SCR to activate it (the embedded database starts first). */
    static <T> T service(Class<T> type) {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context(), type, null);
        tracker.open();
        try {
            T s = tracker.waitForService(120_000);
            if (s == null) {
                throw new IllegalStateException("No " + type.getName() + " service within 120 s");
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A name no other test uses, so tests can share one database. */
    static String unique(String prefix) {
        return prefix + " " + System.nanoTime() + "-" + SEQ.incrementAndGet();
    }

    /** A new customer billed to {@code country}. */
    static long customer(String country) {
        return service(MasterData.class).createCustomer(unique("Customer"), Optional.empty(), country, Optional.empty(),
                Optional.empty()).id();
    }

    /** A new product with an EUR list price valid since 1970 (tax category STANDARD unless given). */
    static long product(String price) {
        return product(price, "STANDARD");
    }

    static long product(String price, String taxCategory) {
        return service(MasterData.class).createProduct(unique("Product"), taxCategory, new BigDecimal(price), "EUR",
                Optional.empty()).id();
    }

    /** A single number from SQL. */
    static long count(String sql, Object... params) {
        HostContext host = service(HostContext.class);
        return host.inTransaction(tx -> Rows.first(tx.connection(), sql, rs -> rs.getLong(1), params).orElse(0L));
    }

    /** Runs a statement, as a seller would change a record in iDempiere's window or a collector left it when it died. */
    static int update(String sql, Object... params) {
        HostContext host = service(HostContext.class);
        return host.inTransaction(tx -> Rows.update(tx.connection(), sql, params));
    }

    /** Rows from SQL, one string per row (columns joined by "|"). */
    static List<String> rows(String sql, Object... params) {
        HostContext host = service(HostContext.class);
        return host.inTransaction(tx -> Rows.list(tx.connection(), sql, rs -> {
            StringBuilder b = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                b.append(i > 1 ? "|" : "").append(rs.getObject(i) instanceof java.sql.Timestamp t
                        ? t.toLocalDateTime().toLocalDate().toString() : String.valueOf(rs.getObject(i)));
            }
            return b.toString();
        }, params));
    }

    /**
     * The tables a read of analytics, forecasts or revenue could write to: the analytics refresher's queue, deltas and
     * customer facts, the revenue it records, and the records the figures are read from.
     */
    static final List<String> READ_PATH_TABLES = List.of("SUB_AnalyticsQueue", "SUB_AnalyticsDelta", "SUB_AnalyticsCustomer",
            "SUB_ChangeLog", "SUB_Subscription", "SUB_SubscriptionLine", "SUB_Change", "SUB_BillingItem", "SUB_AdjustmentItem",
            "SUB_RevenueBooking", "SUB_CloseReason");

    /**
     * What the tables hold: per table its number of rows and a digest of every row's every column, so a call that
     * inserts, updates or deletes anything in them (even keeping the count) changes the answer.
     */
    static java.util.Map<String, String> contents(List<String> tables) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String table : tables) {
            out.put(table, rows("SELECT COUNT(*) || ' ' || md5(COALESCE(string_agg(t::text, chr(10) ORDER BY t::text), ''))"
                    + " FROM " + table + " t").get(0));
        }
        return out;
    }

    /**
     * Leaves a ledger entry queued for the analytics refresher and not yet refreshed: a subscription of a new plan,
     * created by the engine (which refreshes nothing). A read that refreshed would take it.
     *
     * @return the subscription's customer
     */
    static long pendingRefresh() {
        long plan = service(org.idempiere.subscription.api.service.TemplateService.class).create(
                new org.idempiere.subscription.api.service.TemplateDraft(unique("Pending refresh"), Optional.empty(),
                        org.idempiere.subscription.api.Recurrence.monthly(), org.idempiere.subscription.api.BillingTiming.IN_ADVANCE)).id();
        long customer = customer("SK");
        service(org.idempiere.subscription.api.service.SubscriptionService.class).create(
                new org.idempiere.subscription.api.service.SubscriptionDraft(plan, customer, "EUR", service(HostContext.class).today(),
                        Optional.empty(), List.of(new org.idempiere.subscription.api.service.LineDraft(product("10.00"), BigDecimal.ONE,
                                Optional.empty(), BigDecimal.ZERO))));
        if (count("SELECT COUNT(*) FROM SUB_AnalyticsQueue WHERE C_BPartner_ID = ?", customer) == 0) {
            throw new IllegalStateException("the new subscription's entry is not queued for the refresher");
        }
        return customer;
    }

    static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }
}
