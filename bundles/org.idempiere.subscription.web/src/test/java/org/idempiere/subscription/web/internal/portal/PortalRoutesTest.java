package org.idempiere.subscription.web.internal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The portal's route table: matching by method and path, and the list every security test walks. */
class PortalRoutesTest {
    private final PortalRoutes routes = PortalRoutes.of(null);

    @Test
    void describe_listsEveryRoute_withItsAccess() {
        assertEquals(List.of(
                "GET / SESSION",
                "GET /request-link PUBLIC",
                "POST /request-link PUBLIC",
                "GET /link/{token} PUBLIC",
                "POST /sign-out SESSION",
                "GET /static/{file} PUBLIC",
                "GET /subscriptions/{subscriptionId} SESSION",
                "GET /subscriptions/{subscriptionId}/change SESSION",
                "POST /subscriptions/{subscriptionId}/change SESSION",
                "GET /subscriptions/{subscriptionId}/close SESSION",
                "POST /subscriptions/{subscriptionId}/close SESSION",
                "GET /invoices SESSION",
                "GET /invoices/{invoiceId}/pdf SESSION",
                "GET /invoices/{invoiceId}/pay SESSION",
                "POST /invoices/{invoiceId}/pay SESSION",
                "GET /invoices/{invoiceId}/payments/{attemptId} SESSION",
                "GET /payment-methods SESSION",
                "GET /payment-methods/card SESSION",
                "GET /payment-methods/card-return SESSION",
                "POST /payment-methods/card SESSION",
                "POST /payment-methods/{methodId}/default SESSION",
                "POST /payment-methods/{methodId}/remove SESSION",
                "GET /orders SESSION",
                "GET /orders/{orderId} SESSION",
                "POST /orders/{orderId}/accept SESSION",
                "GET /details SESSION",
                "POST /details/contact SESSION",
                "POST /details/address SESSION"), PortalRoutes.describe());
    }

    @Test
    void find_matchesMethodAndPath_withVariables() {
        var m = routes.find("GET", "/link/abc_DEF-123").orElseThrow();
        assertEquals("/link/{token}", m.route().pattern());
        assertEquals(Map.of("token", "abc_DEF-123"), m.variables());
        assertEquals("/", routes.find("GET", "/").orElseThrow().route().pattern());
    }

    @Test
    void find_refusesOtherMethods_extraSegments_andEmptyVariables() {
        assertTrue(routes.find("DELETE", "/request-link").isEmpty());
        assertTrue(routes.find("GET", "/link/a/b").isEmpty());
        assertTrue(routes.find("GET", "/link/").isEmpty());
        assertTrue(routes.find("GET", "/nothing").isEmpty());
        assertTrue(routes.find("GET", "/request-link/").isEmpty());
    }

    @Test
    void methodsFor_tellsWhichMethodsAPathHas() {
        assertEquals(Set.of("GET", "POST"), routes.methodsFor("/request-link"));
        assertEquals(Set.of("POST"), routes.methodsFor("/sign-out"));
        assertEquals(Set.of(), routes.methodsFor("/unknown"));
    }

    @Test
    void find_tellsLiteralRoutesFromVariableOnes_andTakesTwoVariables() {
        assertEquals("/payment-methods/card", routes.find("GET", "/payment-methods/card").orElseThrow().route().pattern());
        var m = routes.find("GET", "/invoices/12/payments/34").orElseThrow();
        assertEquals(Map.of("invoiceId", "12", "attemptId", "34"), m.variables());
        assertEquals(Set.of("GET", "POST"), routes.methodsFor("/subscriptions/5/change"));
    }

    /** Every route that acts on a customer's record names it by a variable ending in Id: the security tests walk them. */
    @Test
    void everySessionRoute_isBelowThePortal_andItsVariablesAreIdsOrKnown() {
        for (PortalRoutes.Route r : routes.routes()) {
            for (String segment : r.pattern().split("/")) {
                if (segment.startsWith("{")) {
                    String name = segment.substring(1, segment.length() - 1);
                    assertTrue(name.endsWith("Id") || Set.of("token", "file").contains(name), r.pattern());
                }
            }
        }
    }

    @Test
    void everyStateChangingRoute_isAPost() {
        for (PortalRoutes.Route r : routes.routes()) {
            assertTrue(Set.of("GET", "POST").contains(r.method()), r.toString());
        }
    }
}
