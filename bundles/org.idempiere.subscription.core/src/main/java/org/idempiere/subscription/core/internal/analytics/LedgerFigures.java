package org.idempiere.subscription.core.internal.analytics;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.LongToIntFunction;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.core.internal.store.Sql;

/**
 * The sums of the refreshed figures ({@link FactReader.Sum}) recomputed from the ledger for groups of subscriptions
 * the refreshed figures do not keep: by product, country, region or sales representative, or for one segment of
 * them (docs/analytics.md, "Breakdowns" and "Filters"). Each customer's ledger is read once, in customer order, and
 * turned into facts by {@link CustomerFacts} — the very definitions of the refreshed figures — for the subscriptions
 * of each group: movements and subscriptions per subscription, customers (logos) per customer and group. A plan
 * filter keeps the legs of that plan (a change of plan moves the old MRR out of the old plan and the new MRR into
 * the new one), as everywhere else.
 *
 * <p>A group that takes a <em>product's share</em> of a subscription splits each of its amounts over the
 * subscription's product weights ({@link ProductWeights}) with {@link Attribution}: the amount before the range
 * (its MRR at the start) as one, and each kind of movement (per currency) by <em>cumulative</em> rounding over the
 * periods — period i gets the share of the movements up to its end minus the share of those up to the end of the
 * period before — so the periods of a series add up exactly to the share of the whole range's movements, which is
 * the product's row of the breakdown by product (decision 0058).
 */
final class LedgerFigures {
    /** One subscription as groups and filters see it: current values. */
    record Sub(long id, long customerId, long salesRepId) {
    }

    /** Where a subscription's figures go: a group, whole or as one product's share ({@code product} 0: whole). */
    record Part(String group, long product) {
    }

    /** A group's sums, as {@link FactReader} gives them for the whole tenant. */
    record Group(List<FactReader.Sum> moves, List<FactReader.Sum> subs, List<FactReader.Sum> logos) {
        Group() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    /** What to read: the range, its periods, the plan and currency filters. */
    record Scope(LocalDate from, LocalDate to, List<Periods.Period> periods, Optional<Long> plan, Optional<Long> currency) {
    }

    private final Connection c;
    private final Tenant t;
    private final LongToIntFunction scale;

    /** @param scale a currency's decimals by its id */
    LedgerFigures(Connection c, Tenant t, LongToIntFunction scale) {
        this.c = c;
        this.t = t;
        this.scale = scale;
    }

    /**
     * @param where      an extra condition on the subscription {@code s} (with {@code params}), "" for none
     * @param parts      where each subscription's figures go; none: left out
     * @param weights    product weights by subscription, for parts that take a product's share
     * @param factGroup  when not null, the group of each fact's part is this function of its currency and plan (a
     *                   breakdown by currency or plan within a segment) instead of the part's
     * @param withLogos  whether customers are counted (per customer and group; only for a single group)
     * @return the sums by group, in group order
     */
    Map<String, Group> read(Scope q, String where, List<Object> params, Function<Sub, List<Part>> parts,
            Map<Long, Map<Long, BigDecimal>> weights, java.util.function.BiFunction<Long, Long, String> factGroup,
            boolean withLogos) throws SQLException {
        Map<String, Group> out = new TreeMap<>();
        List<Object> all = new ArrayList<>(List.of(t.clientId(), q.to()));
        all.addAll(params);
        try (PreparedStatement ps = Sql.prepare(c, "SELECT s.C_BPartner_ID, l.SUB_ChangeLog_ID, l.SUB_Subscription_ID, l.DateTrx,"
                + " l.ChangeType, l.MRRAfter, l.C_Currency_ID, COALESCE(l.SUB_Template_ID, s.SUB_Template_ID), l.IsDelinquent,"
                + " COALESCE(s.SalesRep_ID, 0) FROM SUB_Subscription s JOIN SUB_ChangeLog l ON l.AD_Client_ID = s.AD_Client_ID"
                + " AND l.SUB_Subscription_ID = s.SUB_Subscription_ID WHERE s.AD_Client_ID = ? AND l.DateTrx <= ?" + where
                + " ORDER BY s.C_BPartner_ID, l.SUB_Subscription_ID", all.toArray())) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                long customer = -1;
                Map<Sub, List<LedgerRow>> ledger = new LinkedHashMap<>();
                while (rs.next()) {
                    if (rs.getLong(1) != customer) {
                        customer(q, ledger, parts, weights, factGroup, withLogos, out);
                        ledger.clear();
                        customer = rs.getLong(1);
                    }
                    Sub sub = new Sub(rs.getLong(3), customer, rs.getLong(10));
                    ledger.computeIfAbsent(sub, k -> new ArrayList<>()).add(new LedgerRow(rs.getLong(2), sub.id(),
                            rs.getTimestamp(4).toLocalDateTime().toLocalDate(), Refresher.type(rs.getString(5)), rs.getBigDecimal(6),
                            rs.getLong(7), rs.getLong(8), "Y".equals(rs.getString(9))));
                }
                customer(q, ledger, parts, weights, factGroup, withLogos, out);
            }
        }
        return out;
    }

    /** Adds one customer's figures to the groups. */
    private void customer(Scope q, Map<Sub, List<LedgerRow>> ledger, Function<Sub, List<Part>> parts,
            Map<Long, Map<Long, BigDecimal>> weights, java.util.function.BiFunction<Long, Long, String> factGroup, boolean withLogos,
            Map<String, Group> out) {
        Map<String, List<LedgerRow>> byGroup = new LinkedHashMap<>();
        for (Map.Entry<Sub, List<LedgerRow>> e : ledger.entrySet()) {
            List<Part> ps = parts.apply(e.getKey());
            if (ps.isEmpty()) {
                continue;
            }
            Map<Fact, Contribution> facts = CustomerFacts.of(e.getValue());
            for (Part p : ps) {
                byGroup.computeIfAbsent(p.group(), k -> new ArrayList<>()).addAll(e.getValue());
                Map<List<Object>, BigDecimal> before = new LinkedHashMap<>(); // [group, currency]
                Map<List<Object>, BigDecimal[]> during = new LinkedHashMap<>(); // [group, currency, type, delinquent] by period
                facts.forEach((f, v) -> {
                    if (!kept(q, f)) {
                        return;
                    }
                    String group = factGroup == null ? p.group() : factGroup.apply(f.currencyId(), f.templateId());
                    Group g = out.computeIfAbsent(group, k -> new Group());
                    boolean early = f.day().isBefore(q.from());
                    if (f.kind() == Fact.SUBSCRIPTIONS) {
                        g.subs().add(new FactReader.Sum(early ? null : f.day(), f.currencyId(), 0, null, false, BigDecimal.ZERO, v.count()));
                    } else if (f.kind() == Fact.MOVEMENT && p.product() == 0) {
                        g.moves().add(new FactReader.Sum(early ? null : f.day(), f.currencyId(), 0, f.type(), f.delinquent(), v.amount(), 0));
                    } else if (f.kind() == Fact.MOVEMENT && early) {
                        before.merge(List.of(group, f.currencyId()), v.amount(), BigDecimal::add);
                    } else if (f.kind() == Fact.MOVEMENT) {
                        BigDecimal[] byPeriod = during.computeIfAbsent(List.of(group, f.currencyId(), f.type(), f.delinquent()),
                                k -> new BigDecimal[q.periods().size()]);
                        int i = Periods.indexOf(q.periods(), f.day());
                        byPeriod[i] = byPeriod[i] == null ? v.amount() : byPeriod[i].add(v.amount());
                    }
                });
                if (p.product() != 0) {
                    share(q, p.product(), weights.get(e.getKey().id()), before, during, out);
                }
            }
        }
        if (withLogos) {
            long plan = q.plan().orElse(0L);
            long currency = q.currency().orElse(0L);
            byGroup.forEach((group, rows) -> CustomerFacts.of(rows).forEach((f, v) -> {
                if (f.kind() == Fact.LOGOS && f.templateId() == plan && f.currencyId() == currency) {
                    out.computeIfAbsent(group, k -> new Group()).logos().add(new FactReader.Sum(f.day().isBefore(q.from()) ? null : f.day(),
                            0, 0, f.type(), false, BigDecimal.ZERO, v.count()));
                }
            }));
        }
    }

    /** Whether a movement or subscription fact counts under the plan and currency filters. */
    private static boolean kept(Scope q, Fact f) {
        return (f.kind() == Fact.MOVEMENT || f.kind() == Fact.SUBSCRIPTIONS) && q.plan().map(p -> p == f.templateId()).orElse(true)
                && q.currency().map(cur -> cur == f.currencyId()).orElse(true);
    }

    /** The product's share of one subscription's amounts: the start as one, the movements by cumulative rounding. */
    private void share(Scope q, long product, Map<Long, BigDecimal> w, Map<List<Object>, BigDecimal> before,
            Map<List<Object>, BigDecimal[]> during, Map<String, Group> out) {
        before.forEach((k, amount) -> {
            long currency = (Long) k.get(1);
            out.get((String) k.get(0)).moves().add(new FactReader.Sum(null, currency, 0, "NW", false,
                    part(amount, currency, w, product), 0));
        });
        during.forEach((k, byPeriod) -> {
            long currency = (Long) k.get(1);
            BigDecimal cumulative = BigDecimal.ZERO;
            BigDecimal given = BigDecimal.ZERO;
            for (int i = 0; i < byPeriod.length; i++) {
                if (byPeriod[i] == null) {
                    continue;
                }
                cumulative = cumulative.add(byPeriod[i]);
                BigDecimal upTo = part(cumulative, currency, w, product);
                out.get((String) k.get(0)).moves().add(new FactReader.Sum(q.periods().get(i).start(), currency, 0, (String) k.get(2),
                        (Boolean) k.get(3), upTo.subtract(given), 0));
                given = upTo;
            }
        });
    }

    private BigDecimal part(BigDecimal amount, long currency, Map<Long, BigDecimal> w, long product) {
        return Attribution.split(amount, scale.applyAsInt(currency), w).get(product);
    }
}
