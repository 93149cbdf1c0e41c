package org.idempiere.subscription.core.internal.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.ChangeTiming;
import org.idempiere.subscription.api.CustomerPermission;
import org.idempiere.subscription.api.DictionaryCode;
import org.idempiere.subscription.api.PriceUpdate;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.service.CustomerTerms;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.PlanSettings;
import org.idempiere.subscription.api.service.Template;
import org.idempiere.subscription.api.service.TemplateDraft;

/** {@code SUB_Template}. */
public final class TemplateStore {
    private static final String SELECT = "SELECT SUB_Template_ID, Name, Description, RecurrenceEvery, RecurrenceUnit,"
            + " BillingTiming, TermPeriods, IsAutoRenew, BillingDay, ChangeTiming, PriceUpdate, NoticeDays, CustomerPermission, IsClosable, AutoCloseDays, IsEmailInvoice, PaymentMode, PaymentRetryDays, CreditHandling FROM SUB_Template WHERE AD_Client_ID = ?";

    /**
     * Inserts a validated template and its default lines.
     *
     * @param lineIds   one id per default line
     * @param optionIds one id per option
     */
    public Template insert(Connection c, Tenant tenant, long id, long[] lineIds, long[] optionIds, TemplateDraft d)
            throws SQLException {
        PlanColumns.template(Insert.into("SUB_Template", id, tenant)
                .set("Name", d.name())
                .set("Description", d.description())
                .set("ChangeTiming", d.changeTiming().code())
                .set("PriceUpdate", d.priceUpdate().code())
                .set("NoticeDays", d.noticeDays())
                .set("CustomerPermission", d.customer().permission().code())
                .set("IsClosable", d.customer().closable() ? "Y" : "N")
                .set("AutoCloseDays", d.autoCloseDays())
                .set("IsEmailInvoice", d.emailInvoices() ? "Y" : "N")
                .set("PaymentMode", d.payment().mode().code())
                .set("PaymentRetryDays", d.payment().retryDaysText())
                .set("CreditHandling", d.payment().credits().code()), new PlanSettings(d.recurrence(), d.billing(), d.term(), d.billingDay()))
                .execute(c);
        for (int i = 0; i < d.lines().size(); i++) {
            LineDraft l = d.lines().get(i);
            Insert.into("SUB_TemplateLine", lineIds[i], tenant)
                    .set("SUB_Template_ID", id)
                    .set("Line", (i + 1) * 10)
                    .set("M_Product_ID", l.productId())
                    .set("QtyEntered", l.quantity())
                    .set("IsManualPrice", l.unitPrice().isPresent() ? "Y" : "N")
                    .set("PriceEntered", l.unitPrice())
                    .set("Discount", l.discountPercent())
                    .set("IsSetupFee", l.setupFee() ? "Y" : "N")
                    .execute(c);
        }
        for (int i = 0; i < d.customer().options().size(); i++) {
            Insert.into("SUB_TemplateOption", optionIds[i], tenant)
                    .set("SUB_Template_ID", id)
                    .set("M_Product_ID", d.customer().options().get(i))
                    .execute(c);
        }
        return new Template(id, d.name(), d.description(), d.recurrence(), d.billing(), d.term(), d.billingDay(), d.changeTiming(),
                d.priceUpdate(), d.noticeDays(), d.customer(), d.autoCloseDays(), d.emailInvoices(), d.payment(), d.lines());
    }

    /** @return the template of the tenant, active or not (existing subscriptions keep billing) */
    public Optional<Template> find(Connection c, Tenant tenant, long id) throws SQLException {
        return find(c, tenant, id, false);
    }

    /** @param activeOnly true where a new subscription is made: a deactivated plan is no longer sold */
    public Optional<Template> find(Connection c, Tenant tenant, long id, boolean activeOnly) throws SQLException {
        List<Template> found = query(c, tenant.clientId(),
                SELECT + (activeOnly ? " AND IsActive = 'Y'" : "") + " AND SUB_Template_ID = ?", id);
        return found.stream().findFirst();
    }

    /** @return the tenant's active templates by id */
    public List<Template> list(Connection c, Tenant tenant) throws SQLException {
        return query(c, tenant.clientId(), SELECT + " AND IsActive = 'Y' ORDER BY SUB_Template_ID");
    }

    private static List<Template> query(Connection c, long clientId, String sql, Object... more) throws SQLException {
        Object[] params = new Object[more.length + 1];
        params[0] = clientId;
        System.arraycopy(more, 0, params, 1, more.length);
        List<Template> bare = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                PlanSettings p = PlanColumns.read(rs);
                bare.add(new Template(rs.getLong("SUB_Template_ID"), rs.getString("Name"),
                        Optional.ofNullable(rs.getString("Description")), p.recurrence(), p.billing(), p.term(), p.billingDay(),
                        DictionaryCode.fromCode(ChangeTiming.class, "ChangeTiming", rs.getString("ChangeTiming")),
                        DictionaryCode.fromCode(PriceUpdate.class, "PriceUpdate", rs.getString("PriceUpdate")),
                        rs.getInt("NoticeDays") > 0 ? Optional.of(rs.getInt("NoticeDays")) : Optional.empty(),
                        new CustomerTerms(DictionaryCode.fromCode(CustomerPermission.class, "CustomerPermission",
                                rs.getString("CustomerPermission")), List.of(), "Y".equals(rs.getString("IsClosable"))),
                        rs.getInt("AutoCloseDays") > 0 ? Optional.of(rs.getInt("AutoCloseDays")) : Optional.empty(),
                        "Y".equals(rs.getString("IsEmailInvoice")), new org.idempiere.subscription.api.service.PaymentTerms(
                                DictionaryCode.fromCode(org.idempiere.subscription.api.PaymentMode.class, "PaymentMode",
                                        rs.getString("PaymentMode")),
                                org.idempiere.subscription.api.service.PaymentTerms.parseRetryDays(rs.getString("PaymentRetryDays")),
                                DictionaryCode.fromCode(org.idempiere.subscription.api.CreditHandling.class, "CreditHandling",
                                        rs.getString("CreditHandling"))),
                        List.of()));
            }
        }
        if (bare.isEmpty()) {
            return bare;
        }
        Map<Long, List<LineDraft>> lines = new HashMap<>();
        Map<Long, List<Long>> options = new HashMap<>();
        linesAndOptions(c, clientId, bare, lines, options);
        List<Template> out = new ArrayList<>(bare.size());
        for (Template t : bare) {
            CustomerTerms customer = new CustomerTerms(t.customer().permission(), options.getOrDefault(t.id(), List.of()),
                    t.customer().closable());
            out.add(new Template(t.id(), t.name(), t.description(), t.recurrence(), t.billing(), t.term(), t.billingDay(),
                    t.changeTiming(), t.priceUpdate(), t.noticeDays(), customer, t.autoCloseDays(), t.emailInvoices(), t.payment(),
                    lines.getOrDefault(t.id(), List.of())));
        }
        return out;
    }

    /**
     * The active default lines of the templates (in their order) and their active options (product
     * ids, in the order they were given), in one statement: one template (find) its own, several
     * (list) the tenant's.
     */
    private static void linesAndOptions(Connection c, long clientId, List<Template> templates, Map<Long, List<LineDraft>> lines,
            Map<Long, List<Long>> options) throws SQLException {
        boolean one = templates.size() == 1;
        String which = one ? " AND SUB_Template_ID = ?" : "";
        String sql = "SELECT 0 AS Kind, SUB_Template_ID, M_Product_ID, QtyEntered, IsManualPrice, PriceEntered, Discount, IsSetupFee,"
                + " Line, SUB_TemplateLine_ID AS Seq FROM SUB_TemplateLine WHERE AD_Client_ID = ? AND IsActive = 'Y'" + which
                + " UNION ALL SELECT 1, SUB_Template_ID, M_Product_ID, NULL, NULL, NULL, NULL, NULL, 0, SUB_TemplateOption_ID"
                + " FROM SUB_TemplateOption WHERE AD_Client_ID = ? AND IsActive = 'Y'" + which
                + " ORDER BY Kind, SUB_Template_ID, Line, Seq";
        Object[] params = one ? new Object[] {clientId, templates.get(0).id(), clientId, templates.get(0).id()}
                : new Object[] {clientId, clientId};
        try (PreparedStatement ps = Sql.prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long template = rs.getLong("SUB_Template_ID");
                if (rs.getInt("Kind") == 1) {
                    options.computeIfAbsent(template, k -> new ArrayList<>()).add(rs.getLong("M_Product_ID"));
                    continue;
                }
                Optional<BigDecimal> fixed = "Y".equals(rs.getString("IsManualPrice"))
                        ? Optional.of(rs.getBigDecimal("PriceEntered")) : Optional.empty();
                lines.computeIfAbsent(template, k -> new ArrayList<>()).add(new LineDraft(rs.getLong("M_Product_ID"),
                        rs.getBigDecimal("QtyEntered"), fixed, rs.getBigDecimal("Discount"), "Y".equals(rs.getString("IsSetupFee"))));
            }
        }
    }
}
