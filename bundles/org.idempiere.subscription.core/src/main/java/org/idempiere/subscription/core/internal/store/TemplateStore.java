package org.idempiere.subscription.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.DictionaryCode;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.RecurrenceUnit;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.service.Template;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.Term;

/** {@code SUB_Template}. */
public final class TemplateStore {
    private static final String SELECT = "SELECT SUB_Template_ID, Name, Description, RecurrenceEvery, RecurrenceUnit,"
            + " BillingTiming, TermPeriods, IsAutoRenew FROM SUB_Template WHERE AD_Client_ID = ?";

    /** Inserts a validated template. */
    public Template insert(Connection c, Tenant tenant, long id, TemplateDraft d) throws SQLException {
        Insert.into("SUB_Template", id, tenant)
                .set("Name", d.name())
                .set("Description", d.description())
                .set("RecurrenceEvery", d.recurrence().every())
                .set("RecurrenceUnit", d.recurrence().unit().code())
                .set("BillingTiming", d.billing().code())
                .set("TermPeriods", d.term().map(Term::periods))
                .set("IsAutoRenew", d.term().map(t -> t.autoRenew() ? "Y" : "N").orElse("Y"))
                .execute(c);
        return new Template(id, d.name(), d.description(), d.recurrence(), d.billing(), d.term());
    }

    /** @return the template of the tenant, active or not (existing subscriptions keep billing) */
    public Optional<Template> find(Connection c, Tenant tenant, long id) throws SQLException {
        return find(c, tenant, id, false);
    }

    /** @param activeOnly true where a new subscription is made: a deactivated plan is no longer sold */
    public Optional<Template> find(Connection c, Tenant tenant, long id, boolean activeOnly) throws SQLException {
        List<Template> found = query(c, SELECT + (activeOnly ? " AND IsActive = 'Y'" : "") + " AND SUB_Template_ID = ?",
                tenant.clientId(), id);
        return found.stream().findFirst();
    }

    /** @return the tenant's active templates by id */
    public List<Template> list(Connection c, Tenant tenant) throws SQLException {
        return query(c, SELECT + " AND IsActive = 'Y' ORDER BY SUB_Template_ID", tenant.clientId());
    }

    private static List<Template> query(Connection c, String sql, Object... params) throws SQLException {
        List<Template> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Recurrence recurrence = new Recurrence(rs.getInt("RecurrenceEvery"),
                        DictionaryCode.fromCode(RecurrenceUnit.class, "RecurrenceUnit", rs.getString("RecurrenceUnit")));
                out.add(new Template(rs.getLong("SUB_Template_ID"), rs.getString("Name"),
                        Optional.ofNullable(rs.getString("Description")), recurrence,
                        DictionaryCode.fromCode(BillingTiming.class, "BillingTiming", rs.getString("BillingTiming")),
                        rs.getObject("TermPeriods") == null ? Optional.empty()
                                : Optional.of(new Term(rs.getInt("TermPeriods"), "Y".equals(rs.getString("IsAutoRenew"))))));
            }
        }
        return out;
    }
}
