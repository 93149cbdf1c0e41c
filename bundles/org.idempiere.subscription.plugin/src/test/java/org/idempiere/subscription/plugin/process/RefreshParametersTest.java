package org.idempiere.subscription.plugin.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.AnalyticsService;
import org.junit.jupiter.api.Test;

class RefreshParametersTest {

    /** An AnalyticsService whose refresh() answers {@code customers} and records the calls; any other method fails the test. */
    private static AnalyticsService engine(int customers, List<String> calls) {
        return (AnalyticsService) Proxy.newProxyInstance(AnalyticsService.class.getClassLoader(), new Class<?>[] {AnalyticsService.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    if (method.getName().equals("refresh")) {
                        return customers;
                    }
                    throw new AssertionError("the process calls only refresh(), not " + method.getName());
                });
    }

    @Test
    void refresh_callsTheEngineOnce_andAnswersTheCustomersRecomputed() {
        List<String> calls = new ArrayList<>();
        assertEquals(7, RefreshParameters.refresh(Map.of(), Optional.of(engine(7, calls))));
        assertEquals(List.of("refresh"), calls);
    }

    /* No engine: the process says so and refreshes nothing. */
    @Test
    void refresh_noAnalyticsService_refusedWithAClearMessage() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RefreshParameters.refresh(Map.of(), Optional.empty()));
        assertEquals(RefreshParameters.NO_ANALYTICS_SERVICE, e.getMessage());
        assertTrue(e.getMessage().contains("AnalyticsService") && e.getMessage().contains("Nothing was refreshed"), e.getMessage());
    }

    /* iDempiere hands over every AD_Process_Para and AD_Scheduler_Para; the process has none, so any is refused before the engine runs. */
    @Test
    void refresh_anyParameter_refusedNamingIt_engineNotCalled() {
        List<String> calls = new ArrayList<>();
        Map<String, Object> values = new HashMap<>();
        values.put("AsOfDate", null);
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> RefreshParameters.refresh(values, Optional.of(engine(0, calls))));
        assertEquals(Optional.of("AsOfDate"), e.field());
        assertTrue(e.getMessage().contains("SUB_RefreshAnalytics"), e.getMessage());
        assertEquals(List.of(), calls);
        assertThrows(SubscriptionException.class, () -> RefreshParameters.refresh(Map.of("C_BPartner_ID", 1000009), Optional.empty()),
                "a parameter is refused even without an engine: the configuration error is named first");
    }

    /* The names the process reads are exactly the parameters the 2Pack gives it: none. */
    @Test
    void names_areTheDictionarysParametersOfTheProcess() throws Exception {
        assertEquals(DictionaryParameters.of(RefreshParameters.PROCESS), RefreshParameters.NAMES);
    }

    @Test
    void summary_nothingToDo_one_many() {
        assertEquals("Analytics refreshed: every figure was up to date already; the figures are compacted", RefreshParameters.summary(0));
        assertEquals("Analytics refreshed: 1 customer recomputed; the figures are compacted", RefreshParameters.summary(1));
        assertEquals("Analytics refreshed: 1234 customers recomputed; the figures are compacted", RefreshParameters.summary(1234));
    }

    /* The scheduler the 2Pack ships for the process starts it with no parameter (any would be refused) and is inactive. */
    @Test
    void scheduler_ofTheProcess_isInactive_withoutParameters() throws Exception {
        String root = System.getProperty("project.root");
        java.nio.file.Path dictionary = root == null ? java.nio.file.Path.of("..", "..", "2pack", "dictionary.xml")
                : java.nio.file.Path.of(root, "2pack", "dictionary.xml");
        org.w3c.dom.NodeList schedulers = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dictionary.toFile()).getElementsByTagName("scheduler");
        List<String> found = new ArrayList<>();
        for (int i = 0; i < schedulers.getLength(); i++) {
            org.w3c.dom.Element s = (org.w3c.dom.Element) schedulers.item(i);
            if (s.getAttribute("process").equals(RefreshParameters.PROCESS)) {
                found.add(s.getAttribute("active") + " " + s.getElementsByTagName("parameter").getLength());
            }
        }
        assertEquals(List.of("N 0"), found);
    }
}
