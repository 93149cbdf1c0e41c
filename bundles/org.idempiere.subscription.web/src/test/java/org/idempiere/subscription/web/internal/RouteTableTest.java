package org.idempiere.subscription.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.idempiere.subscription.web.rest.Json;
import org.idempiere.subscription.web.rest.Reply;
import org.idempiere.subscription.web.rest.Router;
import org.junit.jupiter.api.Test;

/** Routing by method and path: GET, POST and DELETE on the same pattern are separate routes. */
class RouteTableTest {
    private static final Router.Handler LIST = req -> Reply.ok(Json.array());
    private static final Router.Handler ADD = req -> Reply.created(Json.object());
    private static final Router.Handler REMOVE = req -> Reply.noContent();

    private static RouteTable table() {
        RouteTable t = new RouteTable();
        t.get("/customers/{id}/payment-methods", LIST);
        t.post("/customers/{id}/payment-methods", ADD);
        t.delete("/customers/{id}/payment-methods/{methodId}", REMOVE);
        return t;
    }

    @Test
    void delete_isMatchedByMethodAndPath_withItsVariables() {
        RouteTable t = table();
        RouteTable.Match m = t.find("DELETE", "/customers/7/payment-methods/12").orElseThrow();
        assertEquals(REMOVE, m.handler());
        assertEquals(Map.of("id", "7", "methodId", "12"), m.variables());
        assertTrue(t.find("GET", "/customers/7/payment-methods/12").isEmpty(), "no GET on a method");
        assertTrue(t.find("DELETE", "/customers/7/payment-methods").isEmpty(), "no DELETE of the whole list");
        assertEquals(LIST, t.find("GET", "/customers/7/payment-methods").orElseThrow().handler());
        assertEquals(ADD, t.find("POST", "/customers/7/payment-methods").orElseThrow().handler());
    }

    @Test
    void methodsFor_namesDelete_forThe405AllowHeader() {
        RouteTable t = table();
        assertEquals(Set.of("DELETE"), t.methodsFor("/customers/7/payment-methods/12"));
        assertEquals(Set.of("GET", "POST"), t.methodsFor("/customers/7/payment-methods"));
        assertEquals(Set.of(), t.methodsFor("/customers/7"));
    }

    @Test
    void emptyPathVariable_matchesNoRoute_asInThePortal() {
        RouteTable t = table();
        assertTrue(t.find("GET", "/customers//payment-methods").isEmpty());
        assertTrue(t.find("DELETE", "/customers/7/payment-methods/").isEmpty());
        assertEquals(Set.of(), t.methodsFor("/customers//payment-methods"));
    }

    @Test
    void noContent_is204_withoutABody() {
        Reply r = Reply.noContent();
        assertEquals(204, r.status());
        assertNull(r.body());
        assertTrue(r.document().isEmpty());
    }
}
