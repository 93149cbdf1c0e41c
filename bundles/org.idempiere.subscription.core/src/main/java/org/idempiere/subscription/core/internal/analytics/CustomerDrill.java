package org.idempiere.subscription.core.internal.analytics;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongFunction;
import org.idempiere.subscription.api.ChangeType;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.service.CohortCustomer;
import org.idempiere.subscription.api.service.CustomerDrillDown;
import org.idempiere.subscription.api.service.CustomerLine;
import org.idempiere.subscription.api.service.Granularity;
import org.idempiere.subscription.core.internal.store.Sql;

/**
 * The customers behind the customer figures: a cohort cell and the logo counts of the KPI panel. Read from the same
 * per-customer facts the figures are the sums of ({@code SUB_AnalyticsCustomer.FactData}, {@link CustomerFacts}), so
 * the customers listed add up to the figure exactly; call it after a refresh, in one transaction with the figure's
 * read. Only customers with a ledger entry in the figure's days can be in it (a customer becomes active, churns or
 * comes back on the day of one of its entries), so only their facts are read.
 */
final class CustomerDrill {
    private final Connection c;
    private final Tenant t;

    CustomerDrill(Connection c, Tenant t) {
        this.c = c;
        this.t = t;
    }

    /** A cohort customer before conversion and paging: MRR per currency at the period's end and at period 0's end. */
    private record Member(long customerId, boolean active, Map<Long, BigDecimal> mrr, Map<Long, BigDecimal> mrr0) {
    }

    /**
     * The customers of the cohort starting {@code cohortStart} (a month or quarter of {@code g}) at the end of
     * {@code periodEnd}, by id; amounts converted with {@code conv} as {@code AnalyticsServiceImpl.cohorts} converts
     * the cell, then shared out by {@link Attribution} so they add up to it.
     */
    List<CohortCustomer> cohort(LocalDate cohortStart, Granularity g, LocalDate periodEnd, Converter conv, int limit, int offset,
            LongFunction<String> name) throws SQLException {
        LocalDate cohortEnd = Periods.next(cohortStart, g).minusDays(1);
        List<Member> members = new ArrayList<>();
        for (Map.Entry<Long, Map<Fact, Contribution>> e : factsOfCustomersWithEntries(cohortStart, cohortEnd).entrySet()) {
            boolean inCohort = e.getValue().keySet().stream().anyMatch(f -> f.kind() == Fact.COHORT_SIZE
                    && !f.cohort().isBefore(cohortStart) && !f.cohort().isAfter(cohortEnd));
            if (!inCohort) {
                continue;
            }
            long active = 0;
            Map<Long, BigDecimal> mrr = new TreeMap<>();
            Map<Long, BigDecimal> mrr0 = new TreeMap<>();
            for (Map.Entry<Fact, Contribution> f : e.getValue().entrySet()) {
                Fact k = f.getKey();
                if (k.day() == null || k.day().isAfter(periodEnd)) {
                    continue;
                }
                if (k.kind() == Fact.COHORT_ACTIVE) {
                    active += f.getValue().count();
                } else if (k.kind() == Fact.COHORT_MRR) {
                    mrr.merge(k.currencyId(), f.getValue().amount(), BigDecimal::add);
                    if (!k.day().isAfter(cohortEnd)) {
                        mrr0.merge(k.currencyId(), f.getValue().amount(), BigDecimal::add);
                    }
                }
            }
            members.add(new Member(e.getKey(), active > 0, mrr, mrr0));
        }
        members.sort(Comparator.comparingLong(Member::customerId));
        Map<Long, BigDecimal> converted = share(members, Member::mrr, periodEnd, conv);
        Map<Long, BigDecimal> converted0 = share(members, Member::mrr0, cohortEnd, conv);
        List<Member> page = page(members, limit, offset);
        Map<Long, List<String>> documents = documents(page.stream().map(Member::customerId).toList(), periodEnd);
        List<CohortCustomer> out = new ArrayList<>();
        for (Member m : page) {
            out.add(new CohortCustomer(m.customerId(), name.apply(m.customerId()), m.active(), conv.target().isoCode(), converted.get(m.customerId()),
                    converted0.get(m.customerId()), documents.getOrDefault(m.customerId(), List.of())));
        }
        return out;
    }

    /**
     * Each currency's total over the members converted at {@code day} (as the cell is), shared out over the members in
     * proportion to their amounts in it, by largest remainder; then added per member.
     */
    private static Map<Long, BigDecimal> share(List<Member> members, java.util.function.Function<Member, Map<Long, BigDecimal>> amounts,
            LocalDate day, Converter conv) {
        Map<Long, BigDecimal> out = new HashMap<>();
        Map<Long, Map<Long, BigDecimal>> byCurrency = new TreeMap<>();
        for (Member m : members) {
            out.put(m.customerId(), conv.zero());
            amounts.apply(m).forEach((currency, amount) -> byCurrency.computeIfAbsent(currency, k -> new java.util.LinkedHashMap<>())
                    .put(m.customerId(), amount));
        }
        byCurrency.forEach((currency, perCustomer) -> {
            BigDecimal total = perCustomer.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            Map<Long, BigDecimal> weights = new java.util.LinkedHashMap<>();
            perCustomer.forEach((customer, amount) -> weights.put(customer, amount.max(BigDecimal.ZERO))); // MRR is never below 0
            Attribution.split(conv.convert(currency, total, day), conv.scale(), weights)
                    .forEach((customer, part) -> out.merge(customer, part, BigDecimal::add));
        });
        return out;
    }

    /**
     * The customers of a logo count over {@code from}..{@code to} for one view (plan 0 and currency 0: all): active at
     * the end of {@code to}, one line per customer; or one line per transition of the kind, by day and customer.
     */
    List<CustomerLine> customers(CustomerDrillDown.Kind kind, LocalDate from, LocalDate to, Optional<Long> plan,
            Optional<Long> currency, int limit, int offset, LongFunction<String> name) throws SQLException {
        if (kind == CustomerDrillDown.Kind.ACTIVE) {
            Map<Long, List<String>> active = activeAt(to, plan, currency);
            List<CustomerLine> out = new ArrayList<>();
            for (Long customer : page(new ArrayList<>(active.keySet()), limit, offset)) {
                out.add(new CustomerLine(to, customer, name.apply(customer), active.get(customer)));
            }
            return out;
        }
        String type = switch (kind) {
            case NEW -> ChangeType.NEW.code();
            case CHURNED -> ChangeType.CHURN.code();
            default -> ChangeType.REACTIVATION.code();
        };
        record Transition(LocalDate day, long customerId) {
        }
        List<Transition> all = new ArrayList<>();
        for (Map.Entry<Long, Map<Fact, Contribution>> e : factsOfCustomersWithEntries(from, to).entrySet()) {
            e.getValue().forEach((f, v) -> {
                if (f.kind() == Fact.LOGOS && type.equals(f.type()) && f.templateId() == plan.orElse(0L)
                        && f.currencyId() == currency.orElse(0L) && !f.day().isBefore(from) && !f.day().isAfter(to)) {
                    for (long i = 0; i < v.count(); i++) {
                        all.add(new Transition(f.day(), e.getKey()));
                    }
                }
            });
        }
        all.sort(Comparator.comparing(Transition::day).thenComparingLong(Transition::customerId));
        List<Transition> page = page(all, limit, offset);
        Map<List<Object>, TreeSet<String>> documents = new HashMap<>();
        if (!page.isEmpty()) {
            try (PreparedStatement ps = Sql.prepare(c, "SELECT s.C_BPartner_ID, l.DateTrx, s.DocumentNo FROM SUB_ChangeLog l"
                    + " JOIN SUB_Subscription s ON s.AD_Client_ID = l.AD_Client_ID AND s.SUB_Subscription_ID = l.SUB_Subscription_ID"
                    + " WHERE l.AD_Client_ID = ? AND s.C_BPartner_ID = ANY(?) AND l.DateTrx BETWEEN ? AND ?", t.clientId(),
                    Refresher.array(c, page.stream().map(Transition::customerId).distinct().toList()), page.get(0).day(),
                    page.get(page.size() - 1).day()); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    documents.computeIfAbsent(List.of(rs.getLong(1), Sql.date(rs, "DateTrx")), k -> new TreeSet<>()).add(rs.getString(3));
                }
            }
        }
        List<CustomerLine> out = new ArrayList<>();
        for (Transition tr : page) {
            out.add(new CustomerLine(tr.day(), tr.customerId(), name.apply(tr.customerId()),
                    List.copyOf(documents.getOrDefault(List.of(tr.customerId(), tr.day()), new TreeSet<>()))));
        }
        return out;
    }

    /**
     * Customers active at the end of {@code day} in a view, by id, with the document numbers of their active
     * subscriptions: a subscription is active after its latest entry (by day, then id) when that leaves MRR above
     * zero, and after a contraction to zero (a pause) or a plan transfer at zero when it was active before — so when
     * the latest entry that is neither left MRR above zero — in the plan and currency of its latest entry:
     * {@link CustomerFacts}'s definition, in SQL.
     */
    private Map<Long, List<String>> activeAt(LocalDate day, Optional<Long> plan, Optional<Long> currency) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT s.C_BPartner_ID, s.DocumentNo FROM (SELECT DISTINCT ON (l.SUB_Subscription_ID)"
                + " l.SUB_Subscription_ID, l.C_Currency_ID, l.SUB_Template_ID FROM SUB_ChangeLog l"
                + " WHERE l.AD_Client_ID = ? AND l.DateTrx <= ? ORDER BY l.SUB_Subscription_ID, l.DateTrx DESC, l.SUB_ChangeLog_ID DESC) m"
                + " JOIN (SELECT DISTINCT ON (l.SUB_Subscription_ID) l.SUB_Subscription_ID, l.MRRAfter FROM SUB_ChangeLog l"
                + " WHERE l.AD_Client_ID = ? AND l.DateTrx <= ? AND NOT (l.MRRAfter <= 0 AND l.ChangeType IN (?, ?))"
                + " ORDER BY l.SUB_Subscription_ID, l.DateTrx DESC, l.SUB_ChangeLog_ID DESC) d ON d.SUB_Subscription_ID = m.SUB_Subscription_ID"
                + " JOIN SUB_Subscription s ON s.AD_Client_ID = ? AND s.SUB_Subscription_ID = m.SUB_Subscription_ID"
                + " WHERE d.MRRAfter > 0");
        List<Object> params = new ArrayList<>(List.of(t.clientId(), day, t.clientId(), day, ChangeType.CONTRACTION.code(),
                ChangeType.PLAN_TRANSFER.code(), t.clientId()));
        plan.ifPresent(p -> {
            sql.append(" AND COALESCE(m.SUB_Template_ID, s.SUB_Template_ID) = ?");
            params.add(p);
        });
        currency.ifPresent(cur -> {
            sql.append(" AND m.C_Currency_ID = ?");
            params.add(cur);
        });
        sql.append(" ORDER BY s.C_BPartner_ID, s.DocumentNo");
        Map<Long, List<String>> out = new java.util.LinkedHashMap<>();
        try (PreparedStatement ps = Sql.prepare(c, sql.toString(), params.toArray()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return out;
    }

    /** The stored facts of every customer with a ledger entry dated from {@code from} to {@code to}. */
    private Map<Long, Map<Fact, Contribution>> factsOfCustomersWithEntries(LocalDate from, LocalDate to) throws SQLException {
        Map<Long, Map<Fact, Contribution>> out = new HashMap<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT a.C_BPartner_ID, a.FactData FROM SUB_AnalyticsCustomer a"
                + " WHERE a.AD_Client_ID = ? AND a.C_BPartner_ID IN (SELECT s.C_BPartner_ID FROM SUB_ChangeLog l JOIN SUB_Subscription s"
                + " ON s.AD_Client_ID = l.AD_Client_ID AND s.SUB_Subscription_ID = l.SUB_Subscription_ID"
                + " WHERE l.AD_Client_ID = ? AND l.DateTrx BETWEEN ? AND ?)", t.clientId(), t.clientId(), from, to);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getLong(1), CustomerFacts.decode(rs.getString(2)));
            }
        }
        return out;
    }

    /** The document numbers of the customers' subscriptions with a ledger entry on or before {@code day}. */
    private Map<Long, List<String>> documents(List<Long> customers, LocalDate day) throws SQLException {
        Map<Long, List<String>> out = new HashMap<>();
        if (customers.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = Sql.prepare(c, "SELECT s.C_BPartner_ID, s.DocumentNo FROM SUB_Subscription s WHERE s.AD_Client_ID = ?"
                + " AND s.C_BPartner_ID = ANY(?) AND EXISTS (SELECT 1 FROM SUB_ChangeLog l WHERE l.AD_Client_ID = s.AD_Client_ID"
                + " AND l.SUB_Subscription_ID = s.SUB_Subscription_ID AND l.DateTrx <= ?) ORDER BY s.C_BPartner_ID, s.DocumentNo",
                t.clientId(), Refresher.array(c, customers), day); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return out;
    }

    private static <T> List<T> page(List<T> all, int limit, int offset) {
        return offset >= all.size() ? List.of() : all.subList(offset, (int) Math.min(all.size(), (long) offset + limit));
    }
}
