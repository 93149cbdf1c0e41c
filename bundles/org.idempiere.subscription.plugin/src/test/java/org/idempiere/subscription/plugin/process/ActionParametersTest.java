package org.idempiere.subscription.plugin.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.idempiere.subscription.api.service.PlanSettings;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.plugin.process.ActionParameters.Action;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ActionParametersTest {
    private static final Subscription AFTER = new Subscription(1000042, "10017", 1, 2, 3, Optional.empty(), Optional.empty(),
            Optional.empty(), 4, Optional.empty(), LocalDate.of(2026, 1, 1), Optional.of(LocalDate.of(2026, 12, 1)),
            SubscriptionStatus.ACTIVE, Optional.empty(), Optional.empty(), Optional.empty(), Money.of(new BigDecimal("34.20"),
                    java.util.Currency.getInstance("EUR")), BigDecimal.ZERO, Optional.empty(),
            new PlanSettings(Recurrence.monthly(), BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty()), Optional.empty(),
            Optional.empty(), false, List.of());

    /** The engine's subscription service, recording which method was called with which arguments. */
    private static SubscriptionService recording(List<String> calls) {
        return (SubscriptionService) Proxy.newProxyInstance(SubscriptionService.class.getClassLoader(),
                new Class<?>[] { SubscriptionService.class }, (proxy, method, args) -> {
                    calls.add(method.getName() + Stream.of(args).map(String::valueOf).collect(Collectors.joining(",", "(", ")")));
                    return AFTER;
                });
    }

    private static List<String> apply(Map<String, Object> values) {
        List<String> calls = new ArrayList<>();
        ActionParameters.parse(values, 1000042).apply(recording(calls));
        return calls;
    }

    @Test
    void eachAction_callsItsEngineMethod_onTheRecordOfTheButton() {
        assertEquals(List.of("activate(1000042)"), apply(Map.of("SubscriptionAction", "AC")));
        assertEquals(List.of("pause(1000042)"), apply(Map.of("SubscriptionAction", "PA")));
        assertEquals(List.of("resume(1000042)"), apply(Map.of("SubscriptionAction", "RS")));
        assertEquals(List.of("reactivate(1000042)"), apply(Map.of("SubscriptionAction", "RA")));
        assertEquals(List.of("cancelRenewal(1000042)"), apply(Map.of("SubscriptionAction", "NR")));
        assertEquals(List.of("close(1000042,1000007,Optional[Moved to a competitor])"), apply(Map.of("SubscriptionAction", "CL",
                "SUB_CloseReason_ID", new BigDecimal("1000007"), "CloseReason", "  Moved to a competitor ")));
        assertEquals(List.of("close(1000042,1000007,Optional.empty)"), apply(Map.of("SubscriptionAction", "CL",
                "SUB_CloseReason_ID", 1000007, "CloseReason", "   ")));
        assertEquals(List.of("close(1000042,No reason list used)"), apply(Map.of("SubscriptionAction", "CL",
                "CloseReason", "No reason list used")));
    }

    @Test
    void unknownParameter_refusedNamingIt() {
        assertRefused(ErrorCode.INVALID_VALUE, "DateClosed", Map.of("SubscriptionAction", "CL", "CloseReason", "why",
                "DateClosed", "2026-03-01"), 1000042);
    }

    @Test
    void refusals_nameTheParameter() {
        assertRefused(ErrorCode.REQUIRED, "SubscriptionAction", Map.of(), 1000042);
        assertRefused(ErrorCode.INVALID_VALUE, "SubscriptionAction", Map.of("SubscriptionAction", "XX"), 1000042);
        assertRefused(ErrorCode.INVALID_VALUE, "SubscriptionAction", Map.of("SubscriptionAction", 1), 1000042);
        assertRefused(ErrorCode.REQUIRED, "SUB_CloseReason_ID", Map.of("SubscriptionAction", "CL"), 1000042);
        assertRefused(ErrorCode.INVALID_VALUE, "SUB_CloseReason_ID", Map.of("SubscriptionAction", "PA",
                "SUB_CloseReason_ID", 1000007), 1000042);
        assertRefused(ErrorCode.INVALID_VALUE, "CloseReason", Map.of("SubscriptionAction", "RA", "CloseReason", "why"), 1000042);
        assertRefused(ErrorCode.INVALID_VALUE, "SUB_CloseReason_ID", Map.of("SubscriptionAction", "CL",
                "SUB_CloseReason_ID", new BigDecimal("7.5")), 1000042);
        assertRefused(ErrorCode.INVALID_VALUE, "Record_ID", Map.of("SubscriptionAction", "PA"), 0);
    }

    private static void assertRefused(ErrorCode code, String field, Map<String, Object> values, int recordId) {
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> ActionParameters.parse(values, recordId));
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(Optional.of(field), e.field(), e.getMessage());
    }

    @Test
    void summary_saysWhatWasDoneAndTheStatusAndMrrNow() {
        assertEquals("Subscription 10017 activated: now ACTIVE, MRR 34.20 EUR", ActionParameters.summary(Action.ACTIVATE, AFTER));
    }

    /** The process's list in the 2Pack offers exactly the actions the process understands, with their codes. */
    @Test
    void dictionaryList_matchesTheActions() throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(java.nio.file.Path.of(System.getProperty("project.root")).resolve("2pack/dictionary.xml").toFile());
        NodeList lists = doc.getElementsByTagName("list");
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < lists.getLength(); i++) {
            Element list = (Element) lists.item(i);
            if (list.getAttribute("name").equals("SUB_SubscriptionAction")) {
                NodeList v = list.getElementsByTagName("value");
                for (int j = 0; j < v.getLength(); j++) {
                    values.put(((Element) v.item(j)).getAttribute("value"), ((Element) v.item(j)).getAttribute("name"));
                }
            }
        }
        assertEquals(Map.of("AC", "Activate", "PA", "Pause", "RS", "Resume", "CL", "Close", "RA", "Reactivate",
                "NR", "Do not renew"), values);
        assertEquals(values.keySet(), Stream.of(Action.values()).map(Action::code).collect(Collectors.toSet()));
    }

    @Test
    void actions_areTheLifecycleMovesExceptLineChanges() {
        java.util.Set<org.idempiere.subscription.api.SubscriptionMove> moves = java.util.EnumSet.noneOf(
                org.idempiere.subscription.api.SubscriptionMove.class);
        for (ActionParameters.Action a : ActionParameters.Action.values()) {
            moves.add(a.move());
        }
        assertEquals(java.util.EnumSet.complementOf(java.util.EnumSet.of(org.idempiere.subscription.api.SubscriptionMove.CHANGE)),
                moves);
        assertEquals(List.of(ActionParameters.Action.PAUSE, ActionParameters.Action.CLOSE, ActionParameters.Action.NO_RENEWAL),
                ActionParameters.Action.allowedFrom(org.idempiere.subscription.api.SubscriptionStatus.ACTIVE));
        assertEquals(List.of(ActionParameters.Action.REACTIVATE),
                ActionParameters.Action.allowedFrom(org.idempiere.subscription.api.SubscriptionStatus.CLOSED));
    }
}
