package org.idempiere.subscription.benchmark;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeTiming;
import org.idempiere.subscription.api.CustomerPermission;
import org.idempiere.subscription.api.PriceUpdate;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.RecurrenceUnit;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.CurrencyRef;
import org.idempiere.subscription.api.host.Currencies;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.service.CustomerTerms;
import org.idempiere.subscription.api.service.PaymentTerms;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;

/**
 * The data of the billing and portal benchmarks, written with plain JDBC batches into the reference
 * host's and the engine's tables (as an import would): a realistic mix of plans, lines, discounts
 * and countries.
 */
final class BenchmarkSeed {
    private static final int PRODUCTS = 20;
    private static final int BATCH = 5000;

    private final HostContext host;
    private final TemplateService templates;
    private final Currencies currencies;
    private final Catalog catalog;

    BenchmarkSeed(HostContext host, TemplateService templates, Currencies currencies, Catalog catalog) {
        this.host = host;
        this.templates = templates;
        this.currencies = currencies;
        this.catalog = catalog;
    }

    /** What was seeded: the subscription lines, and the customers (each with its subscriptions i, i + customers, ...). */
    record Seeded(int lines, long[] customers) {
    }

    /**
     * Seeds products, plans, n / 5 customers in four countries and n subscriptions (1–3 lines each;
     * monthly, weekly, quarterly and yearly plans) with exactly one period due on {@code asOf}.
     */
    Seeded seed(int n, LocalDate asOf) {
        Tenant t = host.tenant();
        CurrencyRef eur = host.inTransaction(tx -> currencies.byIsoCode(tx, "EUR").orElseThrow());
        long priceList = host.inTransaction(tx -> catalog.defaultPriceList(tx, eur.id()).orElseThrow());
        long[] plans = {
            plan("Bench monthly", Recurrence.monthly()),
            plan("Bench weekly", new Recurrence(1, RecurrenceUnit.WEEK)),
            plan("Bench quarterly", new Recurrence(3, RecurrenceUnit.MONTH)),
            plan("Bench yearly", new Recurrence(1, RecurrenceUnit.YEAR)),
        };
        int[] maxOffsetDays = {27, 6, 85, 360};
        long[] products = host.inTransaction(tx -> {
            Connection c = tx.connection();
            long[] ids = ids(c, "sbx_id_sq", PRODUCTS);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO sbx_product (m_product_id, ad_client_id, name, tax_category)"
                    + " VALUES (?, ?, ?, 'STANDARD')");
                    PreparedStatement price = c.prepareStatement("INSERT INTO sbx_productprice (m_pricelist_id, m_product_id,"
                            + " valid_from, price) VALUES (?, ?, DATE '1970-01-01', ?)")) {
                for (int i = 0; i < PRODUCTS; i++) {
                    p.setLong(1, ids[i]);
                    p.setLong(2, t.clientId());
                    p.setString(3, "Bench product " + i);
                    p.addBatch();
                    price.setLong(1, priceList);
                    price.setLong(2, ids[i]);
                    price.setBigDecimal(3, BigDecimal.valueOf(500 + i * 137L, 2));
                    price.addBatch();
                }
                p.executeBatch();
                price.executeBatch();
            }
            return ids;
        });
        String[] countries = {"SK", "CZ", "DE", "AT"};
        int customers = Math.max(1, n / 5);
        long[][] billTo = customers(host, customers, "Bench customer", i -> countries[i % countries.length], (c, start, rows) -> {
        });
        int[] lineCount = {0};
        for (int from = 0; from < n; from += BATCH) {
            int start = from;
            int size = Math.min(BATCH, n - from);
            host.inTransaction(tx -> {
                Connection c = tx.connection();
                long[] subIds = ids(c, "sub_subscription_sq", size);
                long[] lineIds = ids(c, "sub_subscriptionline_sq", size * 3);
                try (PreparedStatement s = c.prepareStatement("INSERT INTO sub_subscription (sub_subscription_id,"
                        + " sub_subscription_uu, ad_client_id, ad_org_id, createdby, updatedby, documentno, sub_template_id,"
                        + " c_bpartner_id, c_bpartner_location_id, c_currency_id, m_pricelist_id, startdate, nextinvoicedate,"
                        + " subscriptionstatus, mrr) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'AC', 0)");
                        PreparedStatement l = c.prepareStatement("INSERT INTO sub_subscriptionline (sub_subscriptionline_id,"
                                + " sub_subscriptionline_uu, ad_client_id, ad_org_id, createdby, updatedby, sub_subscription_id,"
                                + " line, m_product_id, qtyentered, c_uom_id, ismanualprice, priceentered, discount)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 100, ?, ?, ?)")) {
                    int li = 0;
                    for (int k = 0; k < size; k++) {
                        int i = start + k;
                        int kind = i % 10 < 6 ? 0 : i % 10 == 6 ? 1 : i % 10 == 7 ? 2 : 3;
                        Date startDate = Date.valueOf(asOf.minusDays(i % (maxOffsetDays[kind] + 1)));
                        long[] customer = billTo[i % customers];
                        bind(s, subIds[k], UUID.randomUUID().toString(), t.clientId(), t.orgId(), t.userId(), t.userId(),
                                "BENCH-" + i, plans[kind], customer[0], customer[1], eur.id(), priceList, startDate, startDate);
                        s.addBatch();
                        int lines = 1 + i % 3;
                        for (int j = 0; j < lines; j++) {
                            boolean fixed = j == 2;
                            bind(l, lineIds[li++], UUID.randomUUID().toString(), t.clientId(), t.orgId(), t.userId(), t.userId(),
                                    subIds[k], (j + 1) * 10, products[(i * 7 + j) % PRODUCTS], BigDecimal.valueOf(1 + (i + j) % 3),
                                    fixed ? "Y" : "N", fixed ? new BigDecimal("19.90") : null,
                                    i % 4 == 0 ? BigDecimal.TEN : BigDecimal.ZERO);
                            l.addBatch();
                        }
                    }
                    s.executeBatch();
                    l.executeBatch();
                    lineCount[0] += li;
                }
                return null;
            });
        }
        long[] customerIds = new long[customers];
        for (int i = 0; i < customers; i++) {
            customerIds[i] = billTo[i][0];
        }
        return new Seeded(lineCount[0], customerIds);
    }

    /**
     * An open-ended plan billed in advance whose customers may change their lines up and down,
     * move to another plan and close their subscriptions in the portal: what customers may do
     * changes no invoice, and the portal benchmark then measures the change preview and the close
     * form too.
     */
    private long plan(String name, Recurrence every) {
        return templates.create(new TemplateDraft(name, Optional.empty(), every, BillingTiming.IN_ADVANCE, Optional.empty(),
                Optional.empty(), ChangeTiming.IMMEDIATE, PriceUpdate.AT_RENEWAL, Optional.empty(),
                new CustomerTerms(CustomerPermission.UPGRADE_DOWNGRADE, List.of(), true), Optional.empty(), false,
                PaymentTerms.MANUAL, List.of())).id();
    }

    /** Rows a seed adds for a batch of customers, in the batch's transaction. */
    @FunctionalInterface
    interface CustomerBatch {
        /**
         * @param start the index of the batch's first customer
         * @param rows  per customer of the batch, its id and its bill-to location's id
         */
        void write(Connection c, int start, long[][] rows) throws SQLException;
    }

    /**
     * Writes {@code count} customers of the current tenant, {@code name} and their index, each
     * with one bill-to location in the country {@code country} gives for its index, in batches of
     * {@value #BATCH} with a transaction each; {@code more} adds rows of its own to each batch in
     * its transaction.
     *
     * @return per customer, its id and its bill-to location's id
     */
    static long[][] customers(HostContext host, int count, String name, java.util.function.IntFunction<String> country,
            CustomerBatch more) {
        Tenant t = host.tenant();
        long[][] billTo = new long[count][];
        for (int from = 0; from < count; from += BATCH) {
            int start = from;
            int size = Math.min(BATCH, count - from);
            host.inTransaction(tx -> {
                Connection c = tx.connection();
                long[] ids = ids(c, "sbx_id_sq", size * 2);
                long[][] rows = new long[size][];
                try (PreparedStatement cu = c.prepareStatement("INSERT INTO sbx_customer (c_bpartner_id, ad_client_id, name)"
                        + " VALUES (?, ?, ?)");
                        PreparedStatement lo = c.prepareStatement("INSERT INTO sbx_location (c_bpartner_location_id,"
                                + " c_bpartner_id, ad_client_id, country_code) VALUES (?, ?, ?, ?)")) {
                    for (int i = 0; i < size; i++) {
                        rows[i] = new long[] {ids[2 * i], ids[2 * i + 1]};
                        billTo[start + i] = rows[i];
                        bind(cu, rows[i][0], t.clientId(), name + " " + (start + i));
                        cu.addBatch();
                        bind(lo, rows[i][1], rows[i][0], t.clientId(), country.apply(start + i));
                        lo.addBatch();
                    }
                    cu.executeBatch();
                    lo.executeBatch();
                }
                more.write(c, start, rows);
                return null;
            });
        }
        return billTo;
    }

    /** The single number a query answers (a count). */
    static long count(HostContext host, String sql) {
        return host.inTransaction(tx -> {
            try (java.sql.Statement s = tx.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    static long[] ids(Connection c, String sequence, int count) throws SQLException {
        long[] out = new long[count];
        try (PreparedStatement ps = c.prepareStatement("SELECT nextval('" + sequence + "') FROM generate_series(1, ?)")) {
            ps.setInt(1, count);
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; rs.next(); i++) {
                    out[i] = rs.getLong(1);
                }
            }
        }
        return out;
    }

    static void bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(i + 1, values[i]);
        }
    }
}
