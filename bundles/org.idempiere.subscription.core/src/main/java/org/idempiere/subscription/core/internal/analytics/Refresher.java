package org.idempiere.subscription.core.internal.analytics;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.idempiere.subscription.api.ChangeType;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.core.internal.store.Sql;

/**
 * Keeps the analytics delta table exactly equal to what the whole ledger says (decision 0034). Appending
 * a ledger entry queues its customer ({@code SUB_AnalyticsQueue}, same transaction). A refresh takes queued
 * customers in batches, one transaction per batch: it locks each customer's stored facts
 * ({@code SUB_AnalyticsCustomer}, {@code FOR UPDATE SKIP LOCKED}: a customer another refresher holds is
 * left queued), deletes their queue rows, then reads their whole ledger — a later statement, so it sees
 * every entry whose queue row it deleted, and an entry committed after the delete keeps its own queue row —
 * recomputes their facts ({@link CustomerFacts}), inserts the difference from the stored facts into
 * {@code SUB_AnalyticsDelta} and stores the new facts. Writers only insert; they never wait on a refresh.
 * A {@link #rollup} compacts the delta table into one row per figure; reads are sums either way.
 */
public final class Refresher {
    /** Customers per transaction. */
    static final int BATCH = 500;
    /** Rows deleted (queue rows taken, delta rows compacted) after which the three tables are vacuumed. */
    static final long VACUUM_AFTER = 50_000;
    /** The tables a refresh and a rollup leave dead rows in (decision 0037). */
    static final List<String> TABLES = List.of("SUB_AnalyticsQueue", "SUB_AnalyticsDelta", "SUB_AnalyticsCustomer");

    private final HostContext host;
    /** Rows this refresher deleted or updated since its last vacuum. */
    private final java.util.concurrent.atomic.AtomicLong dead = new java.util.concurrent.atomic.AtomicLong();

    /** @param host the host's transactions and ids */
    public Refresher(HostContext host) {
        this.host = host;
    }

    /** What a refresh did. */
    public record Result(int customers, long deltaRows) {
    }

    /** Refreshes every queued customer no other refresh holds; returns when none is left to take. */
    public Result refresh() {
        int customers = 0;
        long rows = 0;
        while (true) {
            Result r = host.inTransaction(this::batch);
            if (r.customers() == 0) {
                return new Result(customers, rows);
            }
            customers += r.customers();
            rows += r.deltaRows();
        }
    }

    private Result batch(Tx tx) throws SQLException {
        Connection c = tx.connection();
        Tenant t = host.tenant();
        List<Long> queued = longs(c, "SELECT DISTINCT C_BPartner_ID FROM SUB_AnalyticsQueue WHERE AD_Client_ID = ?"
                + " ORDER BY C_BPartner_ID LIMIT " + BATCH, t.clientId());
        if (queued.isEmpty()) {
            return new Result(0, 0);
        }
        Set<Long> known = new HashSet<>(longs(c, "SELECT C_BPartner_ID FROM SUB_AnalyticsCustomer WHERE AD_Client_ID = ?"
                + " AND C_BPartner_ID = ANY(?)", t.clientId(), array(c, queued)));
        List<Long> missing = queued.stream().filter(id -> !known.contains(id)).toList();
        if (!missing.isEmpty()) {
            long[] ids = host.nextIds(tx, "SUB_AnalyticsCustomer", missing.size());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO SUB_AnalyticsCustomer (SUB_AnalyticsCustomer_ID,"
                    + " SUB_AnalyticsCustomer_UU, AD_Client_ID, AD_Org_ID, CreatedBy, UpdatedBy, C_BPartner_ID, FactData, IsActive,"
                    + " Created, Updated) VALUES (?, ?, ?, ?, ?, ?, ?, '', 'Y', now(), now())"
                    + " ON CONFLICT (AD_Client_ID, C_BPartner_ID) DO NOTHING")) {
                for (int i = 0; i < ids.length; i++) {
                    Sql.bind(ps, ids[i], java.util.UUID.randomUUID().toString(), t.clientId(), t.orgId(), t.userId(), t.userId(),
                            missing.get(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        Map<Long, String> stored = new HashMap<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT C_BPartner_ID, FactData FROM SUB_AnalyticsCustomer WHERE AD_Client_ID = ?"
                + " AND C_BPartner_ID = ANY(?) FOR UPDATE SKIP LOCKED", t.clientId(), array(c, queued)); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                stored.put(rs.getLong(1), rs.getString(2));
            }
        }
        if (stored.isEmpty()) {
            return new Result(0, 0); // all held by another refresh, which takes them
        }
        Array mine = array(c, new ArrayList<>(stored.keySet()));
        dead.addAndGet(Sql.update(c, "DELETE FROM SUB_AnalyticsQueue WHERE AD_Client_ID = ? AND C_BPartner_ID = ANY(?)",
                t.clientId(), mine));
        Map<Long, List<LedgerRow>> ledgers = ledgers(c, t, mine);
        List<Object[]> deltas = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        for (Map.Entry<Long, String> e : stored.entrySet()) {
            Map<Fact, Contribution> now = CustomerFacts.of(ledgers.getOrDefault(e.getKey(), List.of()));
            Map<Fact, Contribution> diff = CustomerFacts.difference(CustomerFacts.decode(e.getValue()), now);
            if (!diff.isEmpty()) {
                diff.forEach((f, v) -> deltas.add(new Object[] {f, v}));
                updates.add(new Object[] {CustomerFacts.encode(now), t.clientId(), e.getKey()});
            }
        }
        insertDeltas(tx, c, t, deltas);
        try (PreparedStatement ps = c.prepareStatement("UPDATE SUB_AnalyticsCustomer SET FactData = ?, Updated = now()"
                + " WHERE AD_Client_ID = ? AND C_BPartner_ID = ?")) {
            for (Object[] u : updates) {
                Sql.bind(ps, u);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        dead.addAndGet(updates.size()); // an update leaves the old version behind
        return new Result(stored.size(), deltas.size());
    }

    /** Each customer's whole ledger; an entry without a plan (written before the column) takes the subscription's. */
    static Map<Long, List<LedgerRow>> ledgers(Connection c, Tenant t, Array customers) throws SQLException {
        Map<Long, List<LedgerRow>> out = new HashMap<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT s.C_BPartner_ID, l.SUB_ChangeLog_ID, l.SUB_Subscription_ID, l.DateTrx,"
                + " l.ChangeType, l.MRRAfter, l.C_Currency_ID, COALESCE(l.SUB_Template_ID, s.SUB_Template_ID), l.IsDelinquent"
                + " FROM SUB_Subscription s JOIN SUB_ChangeLog l ON l.AD_Client_ID = s.AD_Client_ID"
                + " AND l.SUB_Subscription_ID = s.SUB_Subscription_ID WHERE s.AD_Client_ID = ? AND s.C_BPartner_ID = ANY(?)",
                t.clientId(), customers); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new LedgerRow(rs.getLong(2), rs.getLong(3),
                        rs.getTimestamp(4).toLocalDateTime().toLocalDate(), type(rs.getString(5)), rs.getBigDecimal(6),
                        rs.getLong(7), rs.getLong(8), "Y".equals(rs.getString(9))));
            }
        }
        return out;
    }

    static ChangeType type(String code) {
        for (ChangeType ct : ChangeType.values()) {
            if (ct.code().equals(code)) {
                return ct;
            }
        }
        throw new IllegalStateException("Unknown ChangeType " + code + " in SUB_ChangeLog");
    }

    private void insertDeltas(Tx tx, Connection c, Tenant t, List<Object[]> deltas) throws SQLException {
        if (deltas.isEmpty()) {
            return;
        }
        long[] ids = host.nextIds(tx, "SUB_AnalyticsDelta", deltas.size());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO SUB_AnalyticsDelta (SUB_AnalyticsDelta_ID, AD_Client_ID,"
                + " AD_Org_ID, CreatedBy, UpdatedBy, FactKind, DateTrx, DateCohort, C_Currency_ID, SUB_Template_ID, ChangeType,"
                + " IsDelinquent, FactAmt, FactQty, IsActive, Created, Updated)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Y', now(), now())")) {
            for (int i = 0; i < ids.length; i++) {
                Fact f = (Fact) deltas.get(i)[0];
                Contribution v = (Contribution) deltas.get(i)[1];
                Sql.bind(ps, ids[i], t.clientId(), t.orgId(), t.userId(), t.userId(), String.valueOf(f.kind()),
                        java.util.Optional.ofNullable(f.day()), java.util.Optional.ofNullable(f.cohort()),
                        f.currencyId() == 0 ? null : f.currencyId(), f.templateId() == 0 ? null : f.templateId(), f.type(),
                        f.delinquent() ? "Y" : "N", v.amount(), v.count());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Compacts the tenant's delta rows into one row per figure (the smallest id of each group is kept as
     * the row's id) and drops figures that sum to zero. Sums are unchanged; rows a concurrent refresh inserts
     * meanwhile are not in this statement's snapshot and stay as they are.
     *
     * @return the rows left
     */
    public int rollup() {
        return host.inTransaction(tx -> {
            Tenant t = host.tenant();
            try (PreparedStatement ps = Sql.prepare(tx.connection(),
                    "WITH d AS (DELETE FROM SUB_AnalyticsDelta WHERE AD_Client_ID = ? RETURNING *),"
                    + " g AS (SELECT MIN(SUB_AnalyticsDelta_ID) AS id, FactKind, DateTrx, DateCohort, C_Currency_ID, SUB_Template_ID,"
                    + " ChangeType, IsDelinquent, SUM(FactAmt) AS amt, SUM(FactQty) AS qty FROM d GROUP BY FactKind, DateTrx,"
                    + " DateCohort, C_Currency_ID, SUB_Template_ID, ChangeType, IsDelinquent)"
                    + ", i AS (INSERT INTO SUB_AnalyticsDelta (SUB_AnalyticsDelta_ID, AD_Client_ID, AD_Org_ID, CreatedBy, UpdatedBy, FactKind,"
                    + " DateTrx, DateCohort, C_Currency_ID, SUB_Template_ID, ChangeType, IsDelinquent, FactAmt, FactQty, IsActive,"
                    + " Created, Updated) SELECT id, ?, ?, ?, ?, FactKind, DateTrx, DateCohort, C_Currency_ID, SUB_Template_ID,"
                    + " ChangeType, IsDelinquent, amt, qty, 'Y', now(), now() FROM g WHERE amt <> 0 OR qty <> 0 RETURNING 1)"
                    + " SELECT (SELECT COUNT(*) FROM d), (SELECT COUNT(*) FROM i)",
                    t.clientId(), t.clientId(), t.orgId(), t.userId(), t.userId()); ResultSet rs = ps.executeQuery()) {
                rs.next();
                dead.addAndGet(rs.getLong(1));
                return rs.getInt(2);
            }
        });
    }

    /**
     * Vacuums the analytics tables (through the host, outside any transaction) once this refresher has left
     * {@link #VACUUM_AFTER} dead rows or more since the last time: right after a large refresh or rollup, reads
     * would otherwise visit millions of dead rows until autovacuum comes by (docs/performance.md, "Analytics").
     * Call it after a refresh or rollup, outside a transaction. A failure is logged and changes nothing else: the
     * figures are right either way, only slower to read until autovacuum.
     *
     * @return whether the tables were vacuumed
     */
    public boolean vacuumIfMany() {
        long n = dead.get();
        if (n < VACUUM_AFTER || !dead.compareAndSet(n, 0)) {
            return false;
        }
        try {
            return host.vacuum(TABLES);
        } catch (RuntimeException e) {
            System.getLogger(Refresher.class.getName()).log(System.Logger.Level.WARNING,
                    "Vacuum of the analytics tables after " + n + " deleted rows failed; autovacuum will do it later", e);
            return false;
        }
    }

    static List<Long> longs(Connection c, String sql, Object... params) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    static Array array(Connection c, List<Long> ids) throws SQLException {
        return c.createArrayOf("numeric", ids.stream().map(BigDecimal::valueOf).toArray());
    }
}
