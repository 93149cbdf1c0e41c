package org.idempiere.subscription.plugin.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.PaymentStatus;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.PaymentRunReport;
import org.idempiere.subscription.api.service.PaymentService;
import org.junit.jupiter.api.Test;

class CollectParametersTest {
    private static final PaymentRunReport EMPTY = new PaymentRunReport(Map.of(), Map.of(), 0);

    /** A PaymentService whose collect() answers the report and counts the calls; any other method fails the test. */
    private static PaymentService engine(PaymentRunReport report, List<String> calls) {
        return (PaymentService) Proxy.newProxyInstance(PaymentService.class.getClassLoader(), new Class<?>[] {PaymentService.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    if (method.getName().equals("collect")) {
                        return report;
                    }
                    throw new AssertionError("the process calls only collect(), not " + method.getName());
                });
    }

    @Test
    void collect_callsTheEngineOnce_andAnswersItsReport() {
        List<String> calls = new ArrayList<>();
        PaymentRunReport report = new PaymentRunReport(Map.of(PaymentStatus.SUCCEEDED, 2), Map.of("EUR", new BigDecimal("10.00")), 0);
        assertSame(report, CollectParameters.collect(Map.of(), Optional.of(engine(report, calls))));
        assertEquals(List.of("collect"), calls);
    }

    /* The engine's PaymentService does not exist yet: the process says so and charges nothing. */
    @Test
    void collect_noPaymentService_refusedWithAClearMessage() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CollectParameters.collect(Map.of(), Optional.empty()));
        assertEquals(CollectParameters.NO_PAYMENT_SERVICE, e.getMessage());
        assertTrue(e.getMessage().contains("PaymentService") && e.getMessage().contains("Nothing was charged"), e.getMessage());
    }

    /* iDempiere hands over every AD_Process_Para (and AD_Scheduler_Para); the process has none, so any is refused, before the engine runs. */
    @Test
    void collect_anyParameter_refusedNamingIt_engineNotCalled() {
        List<String> calls = new ArrayList<>();
        Map<String, Object> values = new HashMap<>();
        values.put("AsOfDate", null);
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> CollectParameters.collect(values, Optional.of(engine(EMPTY, calls))));
        assertEquals(Optional.of("AsOfDate"), e.field());
        assertTrue(e.getMessage().contains("SUB_CollectPayments"), e.getMessage());
        assertEquals(List.of(), calls);
        // a parameter is refused even when no engine is registered: the configuration error is named first
        assertThrows(SubscriptionException.class, () -> CollectParameters.collect(Map.of("C_BPartner_ID", 1000009), Optional.empty()));
    }

    /* The names the process reads are exactly the parameters the 2Pack gives it: none. */
    @Test
    void names_areTheDictionarysParametersOfTheProcess() throws Exception {
        assertEquals(DictionaryParameters.of(CollectParameters.PROCESS), CollectParameters.NAMES);
    }

    @Test
    void summary_countsByStatusInListOrder_amountsPerCurrencyInCodeOrder_retries() {
        Map<PaymentStatus, Integer> attempts = new HashMap<>();
        attempts.put(PaymentStatus.NO_METHOD, 1);
        attempts.put(PaymentStatus.SUCCEEDED, 3);
        attempts.put(PaymentStatus.DECLINED, 2);
        attempts.put(PaymentStatus.UNKNOWN, 0);
        Map<String, BigDecimal> collected = new HashMap<>();
        collected.put("EUR", new BigDecimal("182.04"));
        collected.put("CZK", new BigDecimal("4500.00"));
        assertEquals("Payment collection: 6 attempts (3 succeeded, 2 declined, 1 no payment method); collected CZK 4500.00, EUR 182.04;"
                + " 2 retries scheduled", CollectParameters.summary(new PaymentRunReport(attempts, collected, 2)));
    }

    @Test
    void summary_nothingDue() {
        assertEquals("Payment collection: no payment attempt was due; collected nothing; 0 retries scheduled", CollectParameters.summary(EMPTY));
    }

    @Test
    void summary_oneAttempt_singular_zeroAmountsLeftOut() {
        PaymentRunReport report = new PaymentRunReport(Map.of(PaymentStatus.ERRORED, 1), Map.of("EUR", new BigDecimal("0.00")), 1);
        assertEquals("Payment collection: 1 attempt (1 errored); collected nothing; 1 retry scheduled", CollectParameters.summary(report));
    }

    /* Every state is worded as the 2Pack's list SUB_PaymentStatus names its code (in lower case). */
    @Test
    void labels_areTheDictionarysListNames() throws Exception {
        String root = System.getProperty("project.root");
        java.nio.file.Path dictionary = root == null ? java.nio.file.Path.of("..", "..", "2pack", "dictionary.xml")
                : java.nio.file.Path.of(root, "2pack", "dictionary.xml");
        org.w3c.dom.NodeList lists = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dictionary.toFile()).getElementsByTagName("list");
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < lists.getLength(); i++) {
            org.w3c.dom.Element list = (org.w3c.dom.Element) lists.item(i);
            if (list.getAttribute("name").equals("SUB_PaymentStatus")) {
                org.w3c.dom.NodeList values = list.getElementsByTagName("value");
                for (int j = 0; j < values.getLength(); j++) {
                    org.w3c.dom.Element v = (org.w3c.dom.Element) values.item(j);
                    names.put(v.getAttribute("value"), v.getAttribute("name").toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        assertEquals(PaymentStatus.values().length, names.size(), names.toString());
        for (PaymentStatus s : PaymentStatus.values()) {
            assertEquals(names.get(s.code()), CollectParameters.label(s), s.name());
        }
    }

    @Test
    void summary_everyStatus() {
        Map<PaymentStatus, Integer> all = new HashMap<>();
        for (PaymentStatus s : PaymentStatus.values()) {
            all.put(s, 1);
        }
        assertEquals("Payment collection: 8 attempts (1 pending, 1 in flight, 1 succeeded, 1 declined, 1 errored, 1 unknown,"
                + " 1 no payment method, 1 cancelled); collected nothing; 0 retries scheduled",
                CollectParameters.summary(new PaymentRunReport(all, Map.of(), 0)));
    }

    /* Refunds of credits made by the same collection are reported after the charges. */
    @Test
    void summary_withRefunds() {
        PaymentRunReport report = EMPTY.withRefunds(Map.of(PaymentStatus.SUCCEEDED, 1, PaymentStatus.DECLINED, 1),
                Map.of("EUR", new BigDecimal("79.34")));
        assertEquals("Payment collection: no payment attempt was due; collected nothing; 0 retries scheduled; 2 refunds,"
                + " refunded EUR 79.34", CollectParameters.summary(report));
    }
}
