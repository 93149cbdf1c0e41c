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
                "GET /static/{file} PUBLIC"), PortalRoutes.describe());
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
    void everyStateChangingRoute_isAPost() {
        for (PortalRoutes.Route r : routes.routes()) {
            assertTrue(Set.of("GET", "POST").contains(r.method()), r.toString());
        }
    }
}
