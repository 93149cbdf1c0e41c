package org.idempiere.subscription.plugin.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.OrderSummary;
import org.idempiere.subscription.api.host.OrderSummary.Kind;
import org.idempiere.subscription.api.host.OrderSummary.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderSummaryRulesTest {

    @ParameterizedTest(name = "IsSOTrx={0} {1}/{2} -> {3}")
    @CsvSource(nullValues = "NULL", value = {
        "true,  SOO, OB,   QUOTATION",  // Quotation (binding)
        "true,  SOO, ON,   QUOTATION",  // Proposal (not binding)
        "true,  SOO, SO,   ORDER",      // Standard Order
        "true,  SOO, PR,   ORDER",      // Prepay Order
        "true,  SOO, WI,   ORDER",      // On Credit Order
        "true,  SOO, WP,   ORDER",      // Warehouse Order
        "true,  SOO, WR,   ORDER",      // POS Order
        "true,  SOO, NULL, ORDER",
        "true,  SOO, RM,   NULL",       // Return Material: not listed
        "false, SOO, SO,   NULL",       // not a sales transaction
        "false, POO, NULL, NULL",       // Purchase Order
        "true,  ARI, NULL, NULL",
    })
    void kind_quotationsAndOrders_returnsAndPurchasesNotListed(boolean soTrx, String base, String sub, Kind kind) {
        assertEquals(Optional.ofNullable(kind), OrderSummaryRules.kind(soTrx, base, sub));
    }

    @Test
    void binding_everythingButTheProposal() {
        assertTrue(OrderSummaryRules.binding("OB"));
        assertTrue(OrderSummaryRules.binding("SO"));
        assertEquals(false, OrderSummaryRules.binding("ON"));
    }

    @ParameterizedTest(name = "DocStatus {0} -> {1}")
    @CsvSource(nullValues = "NULL", value = {
        "DR, DRAFTED", "IN, DRAFTED", "??, DRAFTED", "NULL, DRAFTED",
        "IP, IN_PROGRESS", "AP, IN_PROGRESS", "NA, IN_PROGRESS", "WP, IN_PROGRESS", "WC, IN_PROGRESS",
        "CO, COMPLETED", "CL, CLOSED", "VO, VOIDED", "RE, REVERSED",
    })
    void status_release12DocStatuses(String docStatus, Status status) {
        assertEquals(status, OrderSummaryRules.status(docStatus));
    }

    /** Only a drafted or prepared binding quotation is acceptable: the statuses a completion starts from. */
    @Test
    void acceptable_fromTheStatusesIdempiereCompletesFrom() {
        for (String docStatus : new String[] {"DR", "IN", "IP"}) {
            OrderSummary q = OrderSummaryTestData.quotation("OB", docStatus);
            assertTrue(q.acceptable(OrderSummaryTestData.TODAY), docStatus);
        }
        for (String docStatus : new String[] {"CO", "CL", "VO", "RE"}) {
            assertEquals(false, OrderSummaryTestData.quotation("OB", docStatus).acceptable(OrderSummaryTestData.TODAY), docStatus);
        }
        assertEquals(false, OrderSummaryTestData.quotation("ON", "DR").acceptable(OrderSummaryTestData.TODAY),
                "a proposal is not binding");
    }

    @Test
    void plan_onlyASubscriptionProductWithATemplate() {
        assertEquals(Optional.of(1000001L), OrderSummaryRules.plan(true, 1000001));
        assertEquals(Optional.empty(), OrderSummaryRules.plan(true, 0));
        assertEquals(Optional.empty(), OrderSummaryRules.plan(false, 1000001));
    }

    @Test
    void requireCompleted_passesACompletedQuotation_elseHostFailureWithIdempieresReason() {
        OrderSummaryRules.requireCompleted("QT-1001", true, "CO", null);
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> OrderSummaryRules.requireCompleted("QT-1001", false, "IN", " Period closed "));
        assertEquals(ErrorCode.HOST_FAILURE, e.code());
        assertEquals("Quotation QT-1001 could not be completed (DocStatus IN): Period closed", e.getMessage());
        assertTrue(assertThrows(SubscriptionException.class, () -> OrderSummaryRules.requireCompleted("QT-1001", true, "IP", ""))
                .getMessage().endsWith("iDempiere gave no reason"), "prepared only is not completed");
    }
}
