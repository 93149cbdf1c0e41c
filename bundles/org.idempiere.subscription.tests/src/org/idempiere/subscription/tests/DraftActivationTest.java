package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.count;
import static org.idempiere.subscription.tests.Sandbox.customer;
import static org.idempiere.subscription.tests.Sandbox.d;
import static org.idempiere.subscription.tests.Sandbox.product;
import static org.idempiere.subscription.tests.Sandbox.rows;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.idempiere.subscription.api.host.Customers;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.service.BillingScope;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.Term;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.junit.jupiter.api.Test;

/**
 * A subscription entered in the host's Subscription window is stored as a DRAFT row; activating
 * it checks it like a new subscription from the API and opens it the same way. The drafts here
 * are written by SQL as the window writes them (the sandbox has no window).
 */
class DraftActivationTest {
    private static final Tenant TENANT = org.idempiere.subscription.sandbox.internal.host.ReferenceHostContext.TENANT;

    /** A line as the window stores it: product, quantity, unit of measure, optional fixed price. */
    record WindowLine(long productId, String quantity, long uomId, String fixedPrice) {
    }

    /** Stores a draft the way the Subscription window does, and returns its id. */
    static long draft(long templateId, long customerId, String currency, LocalDate start, String discount,
            List<WindowLine> lines) {
        HostContext host = service(HostContext.class);
        long customerLocation = host.inTransaction(tx -> service(Customers.class).find(tx, customerId).orElseThrow()
                .billToLocationId());
        return host.inTransaction(tx -> {
            long currencyId = Rows.first(tx.connection(), "SELECT c_currency_id FROM sbx_currency WHERE iso_code = ?",
                    rs -> rs.getLong(1), currency).orElseThrow();
            long priceList = Rows.first(tx.connection(), "SELECT m_pricelist_id FROM sbx_pricelist WHERE ad_client_id = ?"
                    + " AND is_default = 'Y' AND c_currency_id = ?", rs -> rs.getLong(1), TENANT.clientId(), currencyId)
                    .orElseThrow();
            long id = host.nextId(tx, "SUB_Subscription");
            update(tx.connection(), "INSERT INTO SUB_Subscription (SUB_Subscription_ID, AD_Client_ID, AD_Org_ID, CreatedBy,"
                    + " UpdatedBy, DocumentNo, SUB_Template_ID, C_BPartner_ID, C_BPartner_Location_ID, C_Currency_ID,"
                    + " M_PriceList_ID, StartDate, Discount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, TENANT.clientId(),
                    TENANT.orgId(), TENANT.userId(), TENANT.userId(), "W-" + id, templateId, customerId, customerLocation,
                    currencyId, priceList, java.sql.Date.valueOf(start), new BigDecimal(discount));
            int no = 10;
            for (WindowLine l : lines) {
                update(tx.connection(), "INSERT INTO SUB_SubscriptionLine (SUB_SubscriptionLine_ID, AD_Client_ID, AD_Org_ID,"
                        + " CreatedBy, UpdatedBy, SUB_Subscription_ID, Line, M_Product_ID, QtyEntered, C_UOM_ID, IsManualPrice,"
                        + " PriceEntered) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", host.nextId(tx, "SUB_SubscriptionLine"),
                        TENANT.clientId(), TENANT.orgId(), TENANT.userId(), TENANT.userId(), id, no, l.productId(),
                        new BigDecimal(l.quantity()), l.uomId(), l.fixedPrice() == null ? "N" : "Y",
                        l.fixedPrice() == null ? null : new BigDecimal(l.fixedPrice()));
                no += 10;
            }
            return id;
        });
    }

    private static void update(java.sql.Connection c, String sql, Object... params) throws java.sql.SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    static long uom(long productId) {
        return count("SELECT c_uom_id FROM sbx_product WHERE m_product_id = ?", productId);
    }

    private static long monthly(String name, List<LineDraft> defaults) {
        return service(TemplateService.class).create(new TemplateDraft(unique(name), Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE, Optional.of(new Term(12, true)), defaults)).id();
    }

    /*
     * Entered in the window: 2 × 15.00 and 1 × 8.00 fixed, 10 % subscription discount, from 31 March 2043.
     * MRR = (30.00 + 8.00) × 0.9 = 34.20; first invoice on the start date (in advance); a 12-month
     * term ends on 30 March 2044; NEW entry 0 → 34.20 on the start date; the window's number is kept.
     */
    @Test
    void activate_opensTheDraftAsCreateWould_andKeepsItsNumber() {
        SubscriptionService subscriptions = service(SubscriptionService.class);
        long template = monthly("Window plan", List.of());
        long p1 = product("15.00");
        long p2 = product("99.00");
        long id = draft(template, customer("DE"), "EUR", d("2043-03-31"), "10",
                List.of(new WindowLine(p1, "2", uom(p1), null), new WindowLine(p2, "1", uom(p2), "8.00")));
        assertEquals(SubscriptionStatus.DRAFT, subscriptions.find(id).orElseThrow().status());

        Subscription s = subscriptions.activate(id);

        assertEquals(SubscriptionStatus.ACTIVE, s.status());
        assertEquals("W-" + id, s.documentNo());
        assertEquals(0, new BigDecimal("34.20").compareTo(s.mrr().amount()), s.mrr().toString());
        assertEquals(Optional.of(d("2043-03-31")), s.nextInvoiceDate());
        assertEquals(Optional.of(d("2044-03-30")), s.termEndDate());
        assertEquals(List.of("2043-03-31|NW|0.00|34.20"), rows("SELECT datetrx, changetype, mrrbefore, mrrafter"
                + " FROM sub_changelog WHERE sub_subscription_id = ?", id));
        assertEquals(s, subscriptions.find(id).orElseThrow(), "what activate answers is what is stored");

        BillingService billing = service(BillingService.class);
        billing.run(d("2043-03-31"), new BillingScope(Optional.of(template), Optional.empty()));
        assertEquals(1, billing.invoicesOf(id).size(), "billed from its start like any subscription");
        SubscriptionException again = assertThrows(SubscriptionException.class, () -> subscriptions.activate(id));
        assertEquals(ErrorCode.INVALID_STATE, again.code());
        assertEquals("status", again.field().orElseThrow());
        assertEquals(1, count("SELECT count(*) FROM sub_changelog WHERE sub_subscription_id = ?", id), "no second NEW entry");
    }

    @Test
    void activate_withoutLines_takesThePlansDefaultLines() {
        SubscriptionService subscriptions = service(SubscriptionService.class);
        long base = product("20.00");
        long setup = product("50.00");
        long template = monthly("Window defaults", List.of(
                new LineDraft(base, new BigDecimal("3"), Optional.empty(), BigDecimal.ZERO),
                new LineDraft(setup, BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO, true)));
        long id = draft(template, customer("DE"), "EUR", d("2043-05-01"), "0", List.of());

        Subscription s = subscriptions.activate(id);

        assertEquals(List.of(base, setup), s.lines().stream().map(l -> l.productId()).toList());
        assertEquals(List.of(false, true), s.lines().stream().map(l -> l.setupFee()).toList());
        assertEquals(0, new BigDecimal("60.00").compareTo(s.mrr().amount()), "setup fees are not MRR: " + s.mrr());
        assertEquals(2, count("SELECT count(*) FROM sub_subscriptionline WHERE sub_subscription_id = ?", id));
    }

    @Test
    void activate_refusesABadDraft_namingTheField_andChangesNothing() {
        SubscriptionService subscriptions = service(SubscriptionService.class);
        long template = monthly("Window refusals", List.of());
        long p = product("10.00");

        long noLines = draft(template, customer("DE"), "EUR", d("2043-06-01"), "0", List.of());
        assertRefused(ErrorCode.REQUIRED, "lines", () -> subscriptions.activate(noLines));

        long otherUom = draft(template, customer("DE"), "EUR", d("2043-06-01"), "0",
                List.of(new WindowLine(p, "1", uom(p), null), new WindowLine(p, "1", uom(p) + 1, null)));
        assertRefused(ErrorCode.INVALID_VALUE, "lines[1].uomId", () -> subscriptions.activate(otherUom));

        long zeroQty = draft(template, customer("DE"), "EUR", d("2043-06-01"), "0", List.of(new WindowLine(p, "0", uom(p), null)));
        assertRefused(ErrorCode.INVALID_VALUE, "lines[0].quantity", () -> subscriptions.activate(zeroQty));

        long badDiscount = draft(template, customer("DE"), "EUR", d("2043-06-01"), "120", List.of(new WindowLine(p, "1", uom(p), null)));
        assertRefused(ErrorCode.INVALID_VALUE, "discountPercent", () -> subscriptions.activate(badDiscount));

        // A price list in another currency than the subscription's: the window lets a user pick both.
        long otherList = draft(template, customer("DE"), "EUR", d("2043-06-01"), "0", List.of(new WindowLine(p, "1", uom(p), null)));
        service(HostContext.class).inTransaction(tx -> {
            update(tx.connection(), "UPDATE SUB_Subscription SET C_Currency_ID = (SELECT c_currency_id FROM sbx_currency"
                    + " WHERE iso_code = 'USD') WHERE SUB_Subscription_ID = ?", otherList);
            return null;
        });
        assertRefused(ErrorCode.INVALID_VALUE, "priceListId", () -> subscriptions.activate(otherList));

        for (long id : List.of(noLines, otherUom, zeroQty, badDiscount, otherList)) {
            assertEquals(SubscriptionStatus.DRAFT, subscriptions.find(id).orElseThrow().status());
            assertEquals(0, count("SELECT count(*) FROM sub_changelog WHERE sub_subscription_id = ?", id));
        }
        assertEquals(0, count("SELECT count(*) FROM sub_subscriptionline WHERE sub_subscription_id = ?", noLines));
        assertRefused(ErrorCode.NOT_FOUND, null, () -> subscriptions.activate(Long.MAX_VALUE));
    }

    private static void assertRefused(ErrorCode code, String field, org.junit.jupiter.api.function.Executable call) {
        SubscriptionException e = assertThrows(SubscriptionException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        if (field != null) {
            assertEquals(field, e.field().orElseThrow(), e.getMessage());
        }
    }
}
