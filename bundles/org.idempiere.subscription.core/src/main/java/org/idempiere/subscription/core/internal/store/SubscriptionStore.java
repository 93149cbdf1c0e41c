package org.idempiere.subscription.core.internal.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongFunction;
import org.idempiere.subscription.api.DictionaryCode;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.PriceUpdate;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.service.BillingScope;
import org.idempiere.subscription.api.service.PlanSettings;
import org.idempiere.subscription.api.service.Term;
import org.idempiere.subscription.api.service.SubscriptionLine;

/** {@code SUB_Subscription} and {@code SUB_SubscriptionLine}. */
public final class SubscriptionStore {
    private static final String SELECT = "SELECT s.SUB_Subscription_ID, s.AD_Org_ID, s.DocumentNo, s.SUB_Template_ID, s.C_BPartner_ID,"
            + " s.C_BPartner_Location_ID, s.AD_User_ID, s.SalesRep_ID, s.C_Order_ID, s.C_Currency_ID, s.M_PriceList_ID,"
            + " s.Description, s.StartDate, s.NextInvoiceDate, s.SubscriptionStatus, s.DateClosed, s.SUB_CloseReason_ID,"
            + " s.CloseReason, s.MRR, s.Discount, s.TermEndDate, s.DateEnds, s.DatePaused,"
            + " CASE s.InvoiceEmail WHEN 'Y' THEN 'Y' WHEN 'N' THEN 'N' ELSE t.IsEmailInvoice END AS EmailInvoices,"
            + " s.ScheduleStart, s.RecurrenceChangeDate, t.PriceUpdate, t.NoticeDays, s.PaymentMode AS OwnPaymentMode,"
            + " COALESCE(s.PaymentMode, t.PaymentMode, 'M') AS EffectivePaymentMode, s.IsPastDue, " + PlanColumns.RESOLVED
            + " FROM SUB_Subscription s JOIN SUB_Template t ON t.SUB_Template_ID = s.SUB_Template_ID"
            + " WHERE s.AD_Client_ID = ?";

    /** Closing a subscription cancels its payment retries, in the transaction that closes it. */
    private final PaymentAttemptStore payments = new PaymentAttemptStore();

    /**
     * Inserts a subscription header and its lines.
     *
     * @param invoiceEmail its InvoiceEmail code: P as the template says, Y always, N never
     */
    public void insert(Connection c, Tenant tenant, SubscriptionRecord s, String invoiceEmail) throws SQLException {
        insert(c, tenant, s, invoiceEmail, java.util.Optional.empty());
    }

    /**
     * Inserts a subscription header and its lines.
     *
     * @param invoiceEmail its InvoiceEmail code: P as the template says, Y always, N never
     * @param paymentMode  its own PaymentMode; empty: as the template says
     */
    public void insert(Connection c, Tenant tenant, SubscriptionRecord s, String invoiceEmail,
            java.util.Optional<org.idempiere.subscription.api.PaymentMode> paymentMode) throws SQLException {
        Insert insert = Insert.into("SUB_Subscription", s.id(), tenant)
                .set("DocumentNo", s.documentNo())
                .set("SUB_Template_ID", s.templateId())
                .set("C_BPartner_ID", s.customerId())
                .set("C_BPartner_Location_ID", s.billToLocationId())
                .set("AD_User_ID", s.contactUserId())
                .set("SalesRep_ID", s.salesRepId())
                .set("C_Order_ID", s.orderId())
                .set("C_Currency_ID", s.currencyId())
                .set("M_PriceList_ID", s.priceListId())
                .set("Description", s.description())
                .set("StartDate", s.startDate())
                .set("NextInvoiceDate", s.nextInvoiceDate())
                .set("SubscriptionStatus", s.status().code())
                .set("MRR", s.mrr().amount())
                .set("Discount", s.discountPercent())
                .set("TermEndDate", java.util.Optional.ofNullable(s.termEndDate()))
                .set("InvoiceEmail", invoiceEmail)
                .set("PaymentMode", paymentMode.map(m -> m.code()));
        PlanColumns.subscription(insert, s.plan()).execute(c);
        insertLines(c, tenant, s.id(), s.lines());
    }

    /** Inserts lines of a subscription. */
    public void insertLines(Connection c, Tenant tenant, long subscriptionId, List<SubscriptionLine> lines) throws SQLException {
        for (SubscriptionLine l : lines) {
            Insert.into("SUB_SubscriptionLine", l.id(), tenant)
                    .set("SUB_Subscription_ID", subscriptionId)
                    .set("Line", l.line())
                    .set("M_Product_ID", l.productId())
                    .set("QtyEntered", l.quantity())
                    .set("C_UOM_ID", l.uomId())
                    .set("IsManualPrice", l.fixedUnitPrice().isPresent() ? "Y" : "N")
                    .set("PriceEntered", l.fixedUnitPrice())
                    .set("Discount", l.discountPercent())
                    .set("IsSetupFee", l.setupFee() ? "Y" : "N")
                    .set("ValidFrom", l.validFrom())
                    .set("ValidTo", l.validTo())
                    .set("UOMRate", l.uomRate())
                    .execute(c);
        }
    }

    /**
     * Loads a subscription of the tenant.
     *
     * @param lock       lock the row ({@code FOR UPDATE}); with {@code SKIP_LOCKED}, a row another
     *                   transaction holds is reported as absent instead of waited for (locked as a claim
     *                   is, {@link #CLAIM})
     * @param currencies resolves {@code C_Currency_ID} to a currency
     */
    public Optional<SubscriptionRecord> find(Connection c, Tenant tenant, long id, Lock lock,
            LongFunction<Currency> currencies) throws SQLException {
        String sql = SELECT + " AND s.SUB_Subscription_ID = ?" + switch (lock) {
            case NONE -> "";
            case WAIT -> " FOR UPDATE OF s";
            case SKIP_LOCKED -> CLAIM;
        };
        return read(c, tenant, currencies, sql, tenant.clientId(), id).stream().findFirst();
    }

    /** A page of the tenant's subscriptions by id, of one customer and/or in one status if given. */
    public List<SubscriptionRecord> list(Connection c, Tenant tenant, Optional<Long> customerId, Optional<SubscriptionStatus> status,
            int offset, int limit, LongFunction<Currency> currencies) throws SQLException {
        StringBuilder sql = new StringBuilder(SELECT);
        List<Object> params = new ArrayList<>(List.of(tenant.clientId()));
        customerId.ifPresent(id -> {
            sql.append(" AND s.C_BPartner_ID = ?");
            params.add(id);
        });
        status.ifPresent(st -> {
            sql.append(" AND s.SubscriptionStatus = ?");
            params.add(st.code());
        });
        sql.append(" ORDER BY s.SUB_Subscription_ID LIMIT ? OFFSET ?");
        params.add(limit);
        params.add(offset);
        return read(c, tenant, currencies, sql.toString(), params.toArray());
    }

    /** What a page naming a customer's subscriptions by number needs of one (its invoices): no lines, no terms. */
    public record Head(long id, String documentNo, LocalDate startDate, SubscriptionStatus status) {
    }

    /**
     * The heads of the subscriptions {@link #list} answers for the customer (the same rows, in the
     * same order, with the same limit), in one statement, without their lines.
     */
    public List<Head> heads(Connection c, Tenant tenant, long customerId, int limit) throws SQLException {
        String sql = "SELECT s.SUB_Subscription_ID, s.DocumentNo, s.StartDate, s.SubscriptionStatus FROM SUB_Subscription s"
                + " JOIN SUB_Template t ON t.SUB_Template_ID = s.SUB_Template_ID WHERE s.AD_Client_ID = ? AND s.C_BPartner_ID = ?"
                + " ORDER BY s.SUB_Subscription_ID LIMIT ?";
        List<Head> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, sql, tenant.clientId(), customerId, limit); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Head(rs.getLong(1), rs.getString(2), Sql.date(rs, "StartDate"),
                        DictionaryCode.fromCode(SubscriptionStatus.class, "SubscriptionStatus", rs.getString(4))));
            }
        }
        return out;
    }

    /**
     * How billing claims a subscription row: locked against every other claim and every
     * {@code FOR UPDATE} (a change, a pause, another runner), skipped when another transaction holds
     * it so. {@code NO KEY UPDATE}, not {@code UPDATE}: billing never changes the key, and a
     * {@code FOR UPDATE} claim would also skip a row on which another transaction merely holds the
     * key-share lock that PostgreSQL takes for a foreign key when that transaction inserts a row
     * referring to the subscription (a payment attempt, a change, a failure of another run), and
     * leave a due subscription nobody is billing unbilled by the run.
     */
    static final String CLAIM = " FOR NO KEY UPDATE OF s SKIP LOCKED";

    /** A position in the order due subscriptions are billed in: (next invoice date, id). */
    public record DueKey(LocalDate nextInvoiceDate, long id) {
        /** Before every due subscription. */
        public static final DueKey START = new DueKey(LocalDate.of(1, 1, 1), 0);
        /** The billing order. */
        public static final java.util.Comparator<DueKey> ORDER =
                java.util.Comparator.comparing(DueKey::nextInvoiceDate).thenComparingLong(DueKey::id);
    }

    /** The due-subscription condition, the scope's filters and the billing order, with their parameters. */
    private static Object[] due(StringBuilder sql, Tenant tenant, LocalDate asOf, DueKey after, int limit, BillingScope scope) {
        java.util.List<Object> params = new ArrayList<>(List.of(tenant.clientId(), SubscriptionStatus.ACTIVE.code(),
                SubscriptionStatus.PAUSED.code(), SubscriptionStatus.CLOSED.code(), asOf, after.nextInvoiceDate(), after.id()));
        // paused and closed ones too: the days they were served before may still be due
        sql.append(" AND s.SubscriptionStatus IN (?, ?, ?) AND s.IsActive = 'Y' AND s.NextInvoiceDate <= ?"
                + " AND (s.NextInvoiceDate, s.SUB_Subscription_ID) > (?, ?)");
        Sql.scope(sql, params, scope);
        sql.append(" ORDER BY s.NextInvoiceDate, s.SUB_Subscription_ID LIMIT ?");
        params.add(limit);
        return params.toArray();
    }

    /**
     * Claims, for a consolidating run, the other due subscriptions (in {@code scope}, not in
     * {@code claimedIds}) of {@code customerIds}, wherever they are in the billing order, so each
     * customer's periods of a day land on one invoice; at most {@code limit}; rows another
     * transaction holds are skipped.
     */
    public List<SubscriptionRecord> claimCustomersDue(Connection c, Tenant tenant, LocalDate asOf, java.util.Collection<Long> customerIds,
            java.util.Collection<Long> claimedIds, int limit, BillingScope scope, LongFunction<Currency> currencies)
            throws SQLException {
        StringBuilder sql = new StringBuilder(SELECT);
        java.util.List<Object> params = new ArrayList<>(List.of(tenant.clientId(), SubscriptionStatus.ACTIVE.code(),
                SubscriptionStatus.PAUSED.code(), SubscriptionStatus.CLOSED.code(), asOf,
                c.createArrayOf("numeric", customerIds.toArray()), c.createArrayOf("numeric", claimedIds.toArray())));
        sql.append(" AND s.SubscriptionStatus IN (?, ?, ?) AND s.IsActive = 'Y' AND s.NextInvoiceDate <= ?"
                + " AND s.C_BPartner_ID = ANY(?) AND NOT (s.SUB_Subscription_ID = ANY(?))");
        Sql.scope(sql, params, scope);
        sql.append(" ORDER BY s.NextInvoiceDate, s.SUB_Subscription_ID LIMIT ?").append(CLAIM);
        params.add(limit);
        return read(c, tenant, currencies, sql.toString(), params.toArray());
    }

    /**
     * Claims the next due subscriptions for billing: active, or paused or closed with days served
     * still unbilled; next invoice date on or before
     * {@code asOf}, in {@code scope}, after {@code after} in (next invoice date, id) order — the
     * order of the index SUB_Subscription_Due, so each claim reads only the rows it takes — at
     * most {@code limit}, locked for this transaction. Rows another transaction holds are skipped
     * (another runner bills them).
     */
    public List<SubscriptionRecord> claimDue(Connection c, Tenant tenant, LocalDate asOf, DueKey after, int limit,
            BillingScope scope, LongFunction<Currency> currencies) throws SQLException {
        StringBuilder sql = new StringBuilder(SELECT);
        Object[] params = due(sql, tenant, asOf, after, limit, scope);
        return read(c, tenant, currencies, sql + CLAIM, params);
    }

    /** Like {@link #claimDue} but without locking anything, for a dry run. */
    public List<SubscriptionRecord> readDue(Connection c, Tenant tenant, LocalDate asOf, DueKey after, int limit,
            BillingScope scope, LongFunction<Currency> currencies) throws SQLException {
        StringBuilder sql = new StringBuilder(SELECT);
        Object[] params = due(sql, tenant, asOf, after, limit, scope);
        return read(c, tenant, currencies, sql.toString(), params);
    }

    /** The keys of due subscriptions after {@code after}, without locking, in billing order. */
    public List<DueKey> dueAfter(Connection c, Tenant tenant, LocalDate asOf, DueKey after, int limit, BillingScope scope)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT s.NextInvoiceDate, s.SUB_Subscription_ID FROM SUB_Subscription s"
                + " WHERE s.AD_Client_ID = ?");
        Object[] params = due(sql, tenant, asOf, after, limit, scope);
        List<DueKey> keys = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, sql.toString(), params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.add(new DueKey(Sql.date(rs, "NextInvoiceDate"), rs.getLong(2)));
            }
        }
        return keys;
    }

    private List<SubscriptionRecord> read(Connection c, Tenant tenant, LongFunction<Currency> currencies, String sql,
            Object... params) throws SQLException {
        List<SubscriptionRecord> headers = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Currency currency = currencies.apply(rs.getLong("C_Currency_ID"));
                headers.add(new SubscriptionRecord(rs.getLong("SUB_Subscription_ID"), rs.getString("DocumentNo"),
                        rs.getLong("SUB_Template_ID"), rs.getLong("C_BPartner_ID"), rs.getLong("C_BPartner_Location_ID"),
                        nullableLong(rs, "AD_User_ID"), nullableLong(rs, "SalesRep_ID"), nullableLong(rs, "C_Order_ID"),
                        rs.getLong("C_Currency_ID"), rs.getLong("M_PriceList_ID"), rs.getString("Description"),
                        Sql.date(rs, "StartDate"), Sql.date(rs, "NextInvoiceDate"),
                        DictionaryCode.fromCode(SubscriptionStatus.class, "SubscriptionStatus", rs.getString("SubscriptionStatus")),
                        Sql.date(rs, "DateClosed"), nullableLong(rs, "SUB_CloseReason_ID"), rs.getString("CloseReason"),
                        Money.of(rs.getBigDecimal("MRR"), currency), rs.getBigDecimal("Discount"), Sql.date(rs, "TermEndDate"),
                        PlanColumns.read(rs), DictionaryCode.fromCode(PriceUpdate.class, "PriceUpdate", rs.getString("PriceUpdate")),
                        Sql.date(rs, "DateEnds"), Math.max(0, rs.getInt("NoticeDays")), Sql.date(rs, "DatePaused"), "Y".equals(rs.getString("EmailInvoices")),
                        Sql.date(rs, "ScheduleStart"), Sql.date(rs, "RecurrenceChangeDate"), List.of(),
                        rs.getLong("AD_Org_ID"), new PaymentSetting(DictionaryCode.fromCode(
                                org.idempiere.subscription.api.PaymentMode.class, "PaymentMode", rs.getString("EffectivePaymentMode")),
                                rs.getString("OwnPaymentMode") != null, "Y".equals(rs.getString("IsPastDue")))));
            }
        }
        if (headers.isEmpty()) {
            return headers;
        }
        Map<Long, List<SubscriptionLine>> lines = lines(c, tenant, headers.stream().map(SubscriptionRecord::id).toList());
        List<SubscriptionRecord> out = new ArrayList<>(headers.size());
        for (SubscriptionRecord h : headers) {
            out.add(h.withLines(lines.getOrDefault(h.id(), List.of())));
        }
        return out;
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** Ids of the subscriptions created from an order, oldest first. */
    public List<Long> idsOfOrder(Connection c, Tenant tenant, long orderId) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT SUB_Subscription_ID FROM SUB_Subscription WHERE AD_Client_ID = ?"
                + " AND C_Order_ID = ? ORDER BY SUB_Subscription_ID", tenant.clientId(), orderId); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** The line versions (every version, setup fees included) of many subscriptions, by subscription, in line order. */
    public static Map<Long, List<SubscriptionLine>> linesOf(Connection c, Tenant tenant, List<Long> subscriptionIds)
            throws SQLException {
        return lines(c, tenant, subscriptionIds);
    }

    private static Map<Long, List<SubscriptionLine>> lines(Connection c, Tenant tenant, List<Long> subscriptionIds)
            throws SQLException {
        Map<Long, List<SubscriptionLine>> out = new HashMap<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT SUB_Subscription_ID, SUB_SubscriptionLine_ID, Line, M_Product_ID,"
                + " QtyEntered, C_UOM_ID, IsManualPrice, PriceEntered, Discount, IsSetupFee, ValidFrom, ValidTo, UOMRate FROM SUB_SubscriptionLine"
                + " WHERE AD_Client_ID = ?"
                + " AND SUB_Subscription_ID = ANY (?) AND IsActive = 'Y' ORDER BY SUB_Subscription_ID, Line, SUB_SubscriptionLine_ID",
                tenant.clientId(), c.createArrayOf("numeric", subscriptionIds.toArray())); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Optional<BigDecimal> fixed = "Y".equals(rs.getString("IsManualPrice"))
                        ? Optional.of(rs.getBigDecimal("PriceEntered")) : Optional.empty();
                out.computeIfAbsent(rs.getLong("SUB_Subscription_ID"), k -> new ArrayList<>()).add(new SubscriptionLine(
                        rs.getLong("SUB_SubscriptionLine_ID"), rs.getInt("Line"), rs.getLong("M_Product_ID"),
                        rs.getBigDecimal("QtyEntered"), rs.getLong("C_UOM_ID"), fixed, rs.getBigDecimal("Discount"),
                        "Y".equals(rs.getString("IsSetupFee")), Optional.ofNullable(Sql.date(rs, "ValidFrom")),
                        Optional.ofNullable(Sql.date(rs, "ValidTo")), rs.getBigDecimal("UOMRate")));
            }
        }
        return out;
    }

    /** Moves the next invoice dates of many subscriptions (id → date) in one set-based statement. */
    public void setNextInvoiceDates(Connection c, Tenant tenant, Map<Long, LocalDate> next) throws SQLException {
        Object[] ids = new Object[next.size()];
        Object[] dates = new Object[next.size()];
        int i = 0;
        for (Map.Entry<Long, LocalDate> e : next.entrySet()) {
            ids[i] = e.getKey();
            dates[i++] = e.getValue() == null ? null : java.sql.Timestamp.valueOf(e.getValue().atStartOfDay());
        }
        Sql.update(c, "UPDATE SUB_Subscription s SET NextInvoiceDate = v.d, Updated = now(), UpdatedBy = ?"
                + " FROM unnest(?, ?) AS v(id, d) WHERE s.AD_Client_ID = ? AND s.SUB_Subscription_ID = v.id",
                tenant.userId(), c.createArrayOf("numeric", ids), c.createArrayOf("timestamp", dates), tenant.clientId());
    }

    /** Moves the term end dates of renewed subscriptions (id → date). */
    public void setTermEndDates(Connection c, Tenant tenant, Map<Long, LocalDate> ends) throws SQLException {
        for (Map.Entry<Long, LocalDate> e : ends.entrySet()) {
            Sql.update(c, "UPDATE SUB_Subscription SET TermEndDate = ?, Updated = now(), UpdatedBy = ? WHERE AD_Client_ID = ?"
                    + " AND SUB_Subscription_ID = ?", e.getValue(), tenant.userId(), tenant.clientId(), e.getKey());
        }
    }

    /** Moves the next invoice date. */
    public void setNextInvoiceDate(Connection c, Tenant tenant, long id, LocalDate next) throws SQLException {
        Sql.update(c, "UPDATE SUB_Subscription SET NextInvoiceDate = ?, Updated = now(), UpdatedBy = ?"
                + " WHERE AD_Client_ID = ? AND SUB_Subscription_ID = ?", next, tenant.userId(), tenant.clientId(), id);
    }

    /**
     * Records the pausing of a subscription on {@code date}: MRR 0, the next invoice date kept
     * while days served before the pause are unbilled ({@code next}, else null).
     */
    public void pause(Connection c, Tenant tenant, long id, LocalDate date, LocalDate next) throws SQLException {
        Sql.update(c, "UPDATE SUB_Subscription SET SubscriptionStatus = ?, DatePaused = ?, NextInvoiceDate = ?, MRR = 0,"
                + " Updated = now(), UpdatedBy = ? WHERE AD_Client_ID = ? AND SUB_Subscription_ID = ?",
                SubscriptionStatus.PAUSED.code(), date, java.util.Optional.ofNullable(next), tenant.userId(), tenant.clientId(), id);
    }

    /**
     * Moves a subscription to a status with its next invoice date (null: none) and MRR; reopening
     * clears the close, and the pause date goes.
     */
    public void changeStatus(Connection c, Tenant tenant, long id, SubscriptionStatus status, LocalDate next,
            java.math.BigDecimal mrr) throws SQLException {
        Sql.update(c, "UPDATE SUB_Subscription SET SubscriptionStatus = ?, NextInvoiceDate = ?, MRR = ?, DatePaused = NULL,"
                + " DateClosed = CASE WHEN ? = 'CL' THEN DateClosed END, CloseReason = CASE WHEN ? = 'CL' THEN CloseReason END,"
                + " DateEnds = CASE WHEN SubscriptionStatus = 'CL' THEN NULL ELSE DateEnds END,"
                + " SUB_CloseReason_ID = CASE WHEN ? = 'CL' THEN SUB_CloseReason_ID END,"
                + " Updated = now(), UpdatedBy = ? WHERE AD_Client_ID = ? AND SUB_Subscription_ID = ?", status.code(),
                java.util.Optional.ofNullable(next), mrr, status.code(), status.code(), status.code(), tenant.userId(),
                tenant.clientId(), id);
    }

    /**
     * Activates a draft: its number, first invoice date, MRR and term end. Only a row still in
     * DRAFT changes.
     *
     * @return whether it did
     */
    public boolean activate(Connection c, Tenant tenant, long id, String documentNo, LocalDate next, BigDecimal mrr,
            LocalDate termEnd, PlanSettings plan) throws SQLException {
        return Sql.update(c, "UPDATE SUB_Subscription SET SubscriptionStatus = ?, DocumentNo = ?, NextInvoiceDate = ?, MRR = ?,"
                + " TermEndDate = ?, RecurrenceEvery = ?, RecurrenceUnit = ?, BillingTiming = ?, TermPeriods = ?, IsAutoRenew = ?,"
                + " BillingDay = ?, Updated = now(), UpdatedBy = ? WHERE AD_Client_ID = ? AND SUB_Subscription_ID = ?"
                + " AND SubscriptionStatus = ?", SubscriptionStatus.ACTIVE.code(), documentNo, next, mrr,
                Optional.ofNullable(termEnd), plan.recurrence().every(), plan.recurrence().unit().code(), plan.billing().code(),
                plan.term().map(Term::periods).orElse(0), plan.term().map(t -> t.autoRenew() ? "Y" : "N").orElse("Y"),
                plan.billingDay().orElse(0), tenant.userId(), tenant.clientId(), id, SubscriptionStatus.DRAFT.code()) == 1;
    }

    /** Records a line's conversion rate (a line entered in the window, when its subscription is activated). */
    public void setUomRate(Connection c, Tenant tenant, long lineId, BigDecimal rate) throws SQLException {
        Sql.update(c, "UPDATE SUB_SubscriptionLine SET UOMRate = ?, Updated = now(), UpdatedBy = ? WHERE AD_Client_ID = ?"
                + " AND SUB_SubscriptionLine_ID = ?", rate, tenant.userId(), tenant.clientId(), lineId);
    }

    /** Ends a line: it is billed up to {@code validTo}, the day before a change takes effect. */
    public void endLine(Connection c, Tenant tenant, long lineId, LocalDate validTo) throws SQLException {
        Sql.update(c, "UPDATE SUB_SubscriptionLine SET ValidTo = ?, Updated = now(), UpdatedBy = ? WHERE AD_Client_ID = ?"
                + " AND SUB_SubscriptionLine_ID = ?", validTo, tenant.userId(), tenant.clientId(), lineId);
    }

    /** Moves a subscription to another plan and MRR (a change). */
    public void changePlan(Connection c, Tenant tenant, long id, long templateId, BigDecimal mrr) throws SQLException {
        Sql.update(c, "UPDATE SUB_Subscription SET SUB_Template_ID = ?, MRR = ?, Updated = now(), UpdatedBy = ?"
                + " WHERE AD_Client_ID = ? AND SUB_Subscription_ID = ?", templateId, mrr, tenant.userId(), tenant.clientId(), id);
    }

    /** Moves a subscription to another currency, price list and MRR. */
    public void changeCurrency(Connection c, Tenant tenant, long id, long currencyId, long priceListId, BigDecimal mrr)
            throws SQLException {
        Sql.update(c, "UPDATE SUB_Subscription SET C_Currency_ID = ?, M_PriceList_ID = ?, MRR = ?, Updated = now(), UpdatedBy = ?"
                + " WHERE AD_Client_ID = ? AND SUB_Subscription_ID = ?", currencyId, priceListId, mrr, tenant.userId(),
                tenant.clientId(), id);
    }

    /** Records the day a pending plan change to another recurrence takes effect: billing stops before it meanwhile. */
    public void setRecurrenceChange(Connection c, Tenant tenant, long id, LocalDate day) throws SQLException {
        Sql.update(c, "UPDATE SUB_Subscription SET RecurrenceChangeDate = ?, Updated = now(), UpdatedBy = ? WHERE AD_Client_ID = ?"
                + " AND SUB_Subscription_ID = ?", day, tenant.userId(), tenant.clientId(), id);
    }

    /**
     * Moves a subscription to another recurrence from {@code day}: its periods are counted from
     * that day ({@code ScheduleStart}), the first is invoiced that day (in advance), a billing day
     * stays only for monthly periods.
     */
    public void switchRecurrence(Connection c, Tenant tenant, long id, org.idempiere.subscription.api.Recurrence recurrence,
            LocalDate day) throws SQLException {
        Sql.update(c, "UPDATE SUB_Subscription SET RecurrenceEvery = ?, RecurrenceUnit = ?, ScheduleStart = ?, NextInvoiceDate = ?,"
                + " RecurrenceChangeDate = NULL, BillingDay = CASE WHEN ? = 'M' THEN BillingDay ELSE 0 END, Updated = now(),"
                + " UpdatedBy = ? WHERE AD_Client_ID = ? AND SUB_Subscription_ID = ?", recurrence.every(), recurrence.unit().code(), day,
                day, recurrence.unit().code(), tenant.userId(), tenant.clientId(), id);
    }

    /** Records notice not to renew: the subscription's last day of service. */
    public void setDateEnds(Connection c, Tenant tenant, long id, LocalDate dateEnds) throws SQLException {
        Sql.update(c, "UPDATE SUB_Subscription SET DateEnds = ?, Updated = now(), UpdatedBy = ? WHERE AD_Client_ID = ?"
                + " AND SUB_Subscription_ID = ?", dateEnds, tenant.userId(), tenant.clientId(), id);
    }

    /**
     * Records the closing of a subscription whose served periods may still be billed: the next
     * invoice date stays ({@code next}, null when nothing served is left to bill). Its payment
     * retries are cancelled ({@link PaymentAttemptStore#cancelRetriesOfClosed}).
     */
    public void closeServed(Connection c, Tenant tenant, long id, LocalDate date, Long reasonId, String reason, LocalDate next)
            throws SQLException {
        Sql.update(c, "UPDATE SUB_Subscription SET SubscriptionStatus = ?, DateClosed = ?, SUB_CloseReason_ID = ?, CloseReason = ?,"
                + " NextInvoiceDate = ?, MRR = 0, Updated = now(), UpdatedBy = ? WHERE AD_Client_ID = ?"
                + " AND SUB_Subscription_ID = ?", SubscriptionStatus.CLOSED.code(), date, java.util.Optional.ofNullable(reasonId),
                reason, java.util.Optional.ofNullable(next), tenant.userId(), tenant.clientId(), id);
        payments.cancelRetriesOfClosed(c, tenant, id);
    }

    /** Records the closing of a subscription; its payment retries are cancelled ({@link PaymentAttemptStore#cancelRetriesOfClosed}). */
    public void close(Connection c, Tenant tenant, long id, LocalDate date, Long reasonId, String reason) throws SQLException {
        Sql.update(c, "UPDATE SUB_Subscription SET SubscriptionStatus = ?, DateClosed = ?, SUB_CloseReason_ID = ?, CloseReason = ?,"
                + " NextInvoiceDate = NULL, MRR = 0, Updated = now(), UpdatedBy = ? WHERE AD_Client_ID = ?"
                + " AND SUB_Subscription_ID = ?", SubscriptionStatus.CLOSED.code(), date, java.util.Optional.ofNullable(reasonId),
                reason, tenant.userId(), tenant.clientId(), id);
        payments.cancelRetriesOfClosed(c, tenant, id);
    }

    /** How {@link #find} locks the row. */
    public enum Lock { NONE, WAIT, SKIP_LOCKED }

    /** Sets whether a subscription is past due (an invoice unpaid after a failed charge). */
    public void setPastDue(Connection c, Tenant tenant, long subscriptionId, boolean pastDue) throws SQLException {
        setPastDue(c, tenant, Map.of(subscriptionId, pastDue));
    }

    /** Sets the past-due flag of several subscriptions in one batch, in id order (no two writers wait in a cycle). */
    public void setPastDue(Connection c, Tenant tenant, Map<Long, Boolean> pastDue) throws SQLException {
        if (pastDue.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE SUB_Subscription SET IsPastDue = ?, Updated = now()"
                + " WHERE AD_Client_ID = ? AND SUB_Subscription_ID = ? AND IsPastDue <> ?")) {
            for (Map.Entry<Long, Boolean> e : new TreeMap<>(pastDue).entrySet()) {
                String flag = e.getValue() ? "Y" : "N";
                Sql.bind(ps, flag, tenant.clientId(), e.getKey(), flag);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** @return whether a subscription is past due */
    public boolean isPastDue(Connection c, Tenant tenant, long subscriptionId) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "SELECT IsPastDue FROM SUB_Subscription WHERE AD_Client_ID = ?"
                + " AND SUB_Subscription_ID = ?", tenant.clientId(), subscriptionId); ResultSet rs = ps.executeQuery()) {
            return rs.next() && "Y".equals(rs.getString(1));
        }
    }

    /** @return the retry days of a subscription's plan (its template's PaymentRetryDays); none once it is closed (closing stops the dunning) */
    public List<Integer> paymentRetryDays(Connection c, Tenant tenant, long subscriptionId) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "SELECT t.PaymentRetryDays FROM SUB_Subscription s JOIN SUB_Template t"
                + " ON t.SUB_Template_ID = s.SUB_Template_ID WHERE s.AD_Client_ID = ? AND s.SUB_Subscription_ID = ?"
                + " AND s.SubscriptionStatus <> ?", tenant.clientId(), subscriptionId, SubscriptionStatus.CLOSED.code());
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? org.idempiere.subscription.api.service.PaymentTerms.parseRetryDays(rs.getString(1)) : List.of();
        }
    }

    /** @return those of {@code ids} paid automatically (their own PaymentMode, else their template's) */
    public java.util.Set<Long> paidAutomatically(Connection c, Tenant tenant, java.util.Collection<Long> ids) throws SQLException {
        java.util.Set<Long> out = new java.util.HashSet<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = Sql.prepare(c, "SELECT s.SUB_Subscription_ID FROM SUB_Subscription s JOIN SUB_Template t"
                + " ON t.SUB_Template_ID = s.SUB_Template_ID WHERE s.AD_Client_ID = ? AND s.SUB_Subscription_ID = ANY (?)"
                + " AND COALESCE(s.PaymentMode, t.PaymentMode) = 'A'", tenant.clientId(), c.createArrayOf("bigint", ids.toArray()));
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    /** @return whether the customer has a subscription paid automatically that is not closed */
    public boolean hasAutomatic(Connection c, Tenant tenant, long customerId) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "SELECT 1 FROM SUB_Subscription s JOIN SUB_Template t"
                + " ON t.SUB_Template_ID = s.SUB_Template_ID WHERE s.AD_Client_ID = ? AND s.C_BPartner_ID = ?"
                + " AND s.SubscriptionStatus <> 'CL' AND COALESCE(s.PaymentMode, t.PaymentMode) = 'A' LIMIT 1",
                tenant.clientId(), customerId); ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }
}
