package org.idempiere.subscription.plugin.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderRulesTest {
    static final OrderFacts.Line HOSTING = new OrderFacts.Line(2001, 10, 1000017, new BigDecimal("2"), 100,
            new BigDecimal("44.10"), true, 1000001);
    static final OrderFacts.Line SETUP = new OrderFacts.Line(2002, 20, 1000030, BigDecimal.ONE, 100,
            new BigDecimal("150.00"), false, 0);

    /** A completed standard sales order of partner 1000009 with one recurring and one one-off line. */
    static OrderFacts order(String docSubTypeSO, String docStatus, List<OrderFacts.Line> lines) {
        return new OrderFacts(1000100, "SO-1001", 11, true, "SOO", docSubTypeSO, docStatus, 1000009, 1000012, 1000015,
                1000009, 1000012, 0, 1000001, 102, 1000020, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 2, 20), 0, lines);
    }

    static OrderFacts order(String docStatus) {
        return order("SO", docStatus, List.of(HOSTING, SETUP));
    }

    @ParameterizedTest(name = "IsSOTrx={0} {1}/{2} counts: {3}")
    @CsvSource(nullValues = "NULL", value = {
        "true,  SOO, SO,   true",    // Standard Order
        "true,  SOO, PR,   true",    // Prepay Order
        "true,  SOO, WI,   true",    // On Credit Order
        "true,  SOO, WP,   true",    // Warehouse Order
        "true,  SOO, WR,   true",    // POS Order
        "true,  SOO, OB,   true",    // Quotation (binding)
        "true,  SOO, ON,   false",   // Proposal (not binding)
        "true,  SOO, RM,   false",   // Return Material
        "true,  SOO, NULL, false",
        "true,  SOO, XX,   false",
        "false, SOO, SO,   false",   // not a sales transaction
        "false, POO, NULL, false",   // Purchase Order
        "true,  ARI, NULL, false",
        "true,  NULL, SO,  false",
    })
    void countsForContracts_salesOrdersAndBindingQuotationsOnly(boolean soTrx, String base, String sub, boolean counts) {
        assertEquals(counts, OrderRules.countsForContracts(soTrx, base, sub));
    }

    @Test
    void contractSubtypes_areRelease12Values() {
        assertEquals(java.util.Set.of("SO", "PR", "WI", "WP", "WR", "OB"), OrderRules.CONTRACT_SUBTYPES);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {"CO, true", "CL, true", "DR, false", "IP, false", "IN, false", "VO, false",
        "RE, false", "NULL, false"})
    void settled_completedOrClosed(String docStatus, boolean settled) {
        assertEquals(settled, OrderRules.settled(docStatus));
    }

    @Test
    void toOrder_completedSalesOrder_termsOfTheOrderAndPlanOfTheRecurringLine() {
        Order o = OrderRules.toOrder(order("CO"), false);
        assertEquals(new Order(1000100, "SO-1001", 1000009, 1000012, Optional.of(1000015L), 1000001, 102,
                Optional.of(1000020L), LocalDate.of(2026, 3, 1), List.of(
                        new Order.Line(2001, 10, 1000017, new BigDecimal("2"), 100, new BigDecimal("44.10"), BigDecimal.ZERO,
                                Optional.of(1000001L)),
                        new Order.Line(2002, 20, 1000030, BigDecimal.ONE, 100, new BigDecimal("150.00"), BigDecimal.ZERO,
                                Optional.empty()))), o);
    }

    @Test
    void toOrder_priceIsTheNetPriceEntered_discountNeverAppliedTwice() {
        Order.Line l = OrderRules.toOrder(order("CO"), false).lines().get(0);
        assertEquals(new BigDecimal("44.10"), l.priceEntered());
        assertEquals(0, l.discountPercent().signum());
    }

    @Test
    void toOrder_closedOrder_keepsItsPlans() {
        assertEquals(Optional.of(1000001L), OrderRules.toOrder(order("CL"), false).lines().get(0).subscriptionTemplateId());
    }

    /** "After complete" fires before iDempiere sets DocStatus CO. */
    @Test
    void toOrder_draftInItsOwnCompletion_hasPlans_otherwiseNone() {
        assertEquals(Optional.of(1000001L), OrderRules.toOrder(order("IP"), true).lines().get(0).subscriptionTemplateId());
        for (String status : List.of("DR", "IP", "IN", "VO", "RE")) {
            assertTrue(OrderRules.toOrder(order(status), false).lines().stream()
                    .allMatch(l -> l.subscriptionTemplateId().isEmpty()), status);
        }
    }

    @Test
    void toOrder_documentThatDoesNotCount_hasNoRecurringLine_evenInItsEvent() {
        for (String sub : List.of("ON", "RM")) {
            Order o = OrderRules.toOrder(order(sub, "CO", List.of(HOSTING)), true);
            assertEquals(Optional.empty(), o.lines().get(0).subscriptionTemplateId(), sub);
            assertEquals(1, o.lines().size());
        }
        OrderFacts purchase = new OrderFacts(1, "PO-1", 11, false, "POO", null, "CO", 5, 6, 0, 5, 6, 0, 7, 102, 0,
                null, LocalDate.of(2026, 1, 5), 0, List.of(HOSTING));
        assertEquals(Optional.empty(), OrderRules.toOrder(purchase, true).lines().get(0).subscriptionTemplateId());
    }

    @Test
    void toOrder_bindingQuotation_counts() {
        assertEquals(Optional.of(1000001L),
                OrderRules.toOrder(order("OB", "CO", List.of(HOSTING)), false).lines().get(0).subscriptionTemplateId());
    }

    @Test
    void toOrder_zeroQuantity_noPlan() {
        OrderFacts.Line zero = new OrderFacts.Line(2003, 30, 1000017, BigDecimal.ZERO, 100, new BigDecimal("44.10"), true,
                1000001);
        assertEquals(Optional.empty(), OrderRules.toOrder(order("SO", "CO", List.of(zero)), false).lines().get(0)
                .subscriptionTemplateId());
    }

    @Test
    void toOrder_negativeQuantityOfASubscriptionProduct_refusedNamingLineAndOrder() {
        OrderFacts.Line negative = new OrderFacts.Line(2003, 30, 1000017, new BigDecimal("-1"), 100, BigDecimal.TEN,
                true, 1000001);
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> OrderRules.toOrder(order("SO", "CO", List.of(negative)), false));
        assertEquals(ErrorCode.INVALID_VALUE, e.code());
        assertEquals("QtyEntered '-1' on line 30 of order SO-1001 is negative; a subscription product needs a positive"
                + " quantity", e.getMessage());
    }

    @Test
    void toOrder_subscriptionProductWithoutTemplate_refused_unlessTheOrderDoesNotCount() {
        OrderFacts.Line noPlan = new OrderFacts.Line(2003, 30, 1000040, BigDecimal.ONE, 100, BigDecimal.TEN, true, 0);
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> OrderRules.toOrder(order("SO", "CO", List.of(noPlan)), false));
        assertEquals(ErrorCode.INVALID_VALUE, e.code());
        assertEquals("M_Product_ID '1000040' on line 30 of order SO-1001 is a subscription product without a"
                + " subscription template", e.getMessage());
        assertEquals(Optional.empty(), OrderRules.toOrder(order("ON", "CO", List.of(noPlan)), false).lines().get(0)
                .subscriptionTemplateId());
    }

    @Test
    void toOrder_templateOnAProductNotMarkedRecurring_ignored() {
        OrderFacts.Line unmarked = new OrderFacts.Line(2003, 30, 1000040, BigDecimal.ONE, 100, BigDecimal.TEN, false, 1000001);
        assertEquals(Optional.empty(), OrderRules.toOrder(order("SO", "CO", List.of(unmarked)), false).lines().get(0)
                .subscriptionTemplateId());
    }

    @Test
    void billTo_billPartnerLocationAndContactWin() {
        OrderFacts o = new OrderFacts(1, "SO-1", 11, true, "SOO", "SO", "CO", 1000009, 1000012, 1000015, 1000050, 1000051,
                1000052, 1, 102, 0, null, LocalDate.of(2026, 1, 5), 0, List.of());
        assertEquals(new OrderRules.BillTo(1000050, 1000051, Optional.of(1000052L)), OrderRules.billTo(o));
    }

    @Test
    void billTo_samePartner_orderLocationAndContactFillTheGaps() {
        OrderFacts o = new OrderFacts(1, "SO-1", 11, true, "SOO", "SO", "CO", 1000009, 1000012, 1000015, 0, 0, 0, 1, 102,
                0, null, LocalDate.of(2026, 1, 5), 0, List.of());
        assertEquals(new OrderRules.BillTo(1000009, 1000012, Optional.of(1000015L)), OrderRules.billTo(o));
    }

    @Test
    void billTo_otherBillPartner_neverTakesTheOrderPartnersLocationOrContact() {
        OrderFacts noContact = new OrderFacts(1, "SO-1", 11, true, "SOO", "SO", "CO", 1000009, 1000012, 1000015, 1000050,
                1000051, 0, 1, 102, 0, null, LocalDate.of(2026, 1, 5), 0, List.of());
        assertEquals(new OrderRules.BillTo(1000050, 1000051, Optional.empty()), OrderRules.billTo(noContact));
        OrderFacts noLocation = new OrderFacts(1, "SO-1", 11, true, "SOO", "SO", "CO", 1000009, 1000012, 1000015, 1000050,
                0, 0, 1, 102, 0, null, LocalDate.of(2026, 1, 5), 0, List.of());
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> OrderRules.billTo(noLocation));
        assertEquals(ErrorCode.REQUIRED, e.code());
        assertEquals(Optional.of("Bill_Location_ID"), e.field());
    }

    @Test
    void billTo_noContact_empty() {
        OrderFacts o = new OrderFacts(1, "SO-1", 11, true, "SOO", "SO", "CO", 1000009, 1000012, 0, 0, 0, 0, 1, 102, 0,
                null, LocalDate.of(2026, 1, 5), 0, List.of());
        assertEquals(Optional.empty(), OrderRules.billTo(o).contactUserId());
    }

    @Test
    void startDate_promisedElseOrdered() {
        assertEquals(LocalDate.of(2026, 3, 1), OrderRules.startDate(order("CO")));
        OrderFacts noPromise = new OrderFacts(1, "SO-1", 11, true, "SOO", "SO", "CO", 5, 6, 0, 0, 0, 0, 1, 102, 0, null,
                LocalDate.of(2026, 1, 5), 0, List.of());
        assertEquals(LocalDate.of(2026, 1, 5), OrderRules.startDate(noPromise));
        OrderFacts none = new OrderFacts(1, "SO-1", 11, true, "SOO", "SO", "CO", 5, 6, 0, 0, 0, 0, 1, 102, 0, null, null,
                0, List.of());
        assertEquals(ErrorCode.REQUIRED, assertThrows(SubscriptionException.class, () -> OrderRules.startDate(none)).code());
    }

    @Test
    void salesRep_noneWhenZero() {
        OrderFacts o = new OrderFacts(1, "SO-1", 11, true, "SOO", "SO", "CO", 5, 6, 0, 0, 0, 0, 1, 102, 0, null,
                LocalDate.of(2026, 1, 5), 0, List.of());
        assertEquals(Optional.empty(), OrderRules.toOrder(o, false).salesRepId());
    }

    @Test
    void hasSubscriptionProduct_anyLineMarked_whateverItsQuantity() {
        assertTrue(OrderRules.hasSubscriptionProduct(order("CO")));
        assertFalse(OrderRules.hasSubscriptionProduct(order("SO", "CO", List.of(SETUP))));
        OrderFacts.Line voided = new OrderFacts.Line(2001, 10, 1000017, BigDecimal.ZERO, 100, BigDecimal.ZERO, true, 1000001);
        assertTrue(OrderRules.hasSubscriptionProduct(order("SO", "CO", List.of(voided))));
    }
}
