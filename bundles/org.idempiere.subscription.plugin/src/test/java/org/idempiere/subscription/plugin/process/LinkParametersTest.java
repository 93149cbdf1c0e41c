package org.idempiere.subscription.plugin.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.PortalAccessService;
import org.idempiere.subscription.api.service.PortalLink;
import org.junit.jupiter.api.Test;

class LinkParametersTest {
    private static final PortalLink SENT = new PortalLink(7, 1000009, Optional.of(1000010L), Optional.empty(), Optional.empty(),
            Instant.parse("2026-12-07T09:00:00Z"), Instant.parse("2027-01-06T09:00:00Z"), Optional.empty(), Optional.empty());

    /** A PortalAccessService recording its calls; sendLink refuses customer 13 and contact 14 as the engine does. */
    private static PortalAccessService engine(List<String> calls) {
        return (PortalAccessService) Proxy.newProxyInstance(PortalAccessService.class.getClassLoader(),
                new Class<?>[] {PortalAccessService.class}, (proxy, method, args) -> {
                    calls.add(method.getName() + java.util.Arrays.toString(args));
                    if (method.getName().equals("sendLink")) {
                        if ((long) args[0] == 13) {
                            throw SubscriptionException.unknown("customerId", 13L);
                        }
                        if (((Optional<?>) args[1]).equals(Optional.of(14L))) {
                            throw SubscriptionException.unknown("contactId", 14L);
                        }
                        return SENT;
                    }
                    if (method.getName().equals("revokeLink")) {
                        if ((long) args[0] == 99) {
                            throw SubscriptionException.unknown("linkId", 99L);
                        }
                        return SENT;
                    }
                    throw new AssertionError("unexpected call " + method.getName());
                });
    }

    @Test
    void theDictionaryDeclaresExactlyTheParametersRead() throws Exception {
        assertEquals(DictionaryParameters.of(LinkParameters.PROCESS), LinkParameters.NAMES);
        assertEquals(DictionaryParameters.of(LinkParameters.REVOKE_PROCESS), List.of());
        assertEquals(DictionaryParameters.of("SUB_GenerateApiKey"), List.of());
    }

    @Test
    void send_emailsALinkToTheBusinessPartner_orTheContactChosen() {
        List<String> calls = new ArrayList<>();
        Map<String, Object> values = new HashMap<>();
        values.put("C_BPartner_ID", new BigDecimal("1000009"));
        values.put("AD_User_ID", null);
        assertEquals(SENT, LinkParameters.send(values, Optional.of(engine(calls))));
        values.put("AD_User_ID", 1000010);
        LinkParameters.send(values, Optional.of(engine(calls)));
        assertEquals(List.of("sendLink[1000009, Optional.empty]", "sendLink[1000009, Optional[1000010]]"), calls);
        assertEquals("Portal link e-mailed (valid until 2027-01-06; revoke it in the Portal Link window)",
                LinkParameters.summary(SENT, ZoneOffset.UTC));
    }

    @Test
    void refusals_nameTheProcessesParameters_andSendNothing() {
        List<String> calls = new ArrayList<>();
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> LinkParameters.send(Map.of(), Optional.of(engine(calls))));
        assertEquals(Optional.of("C_BPartner_ID"), e.field());
        e = assertThrows(SubscriptionException.class,
                () -> LinkParameters.send(Map.of("C_BPartner_ID", 13), Optional.of(engine(calls))));
        assertEquals(Optional.of("C_BPartner_ID"), e.field());
        e = assertThrows(SubscriptionException.class,
                () -> LinkParameters.send(Map.of("C_BPartner_ID", 12, "AD_User_ID", 14), Optional.of(engine(calls))));
        assertEquals(Optional.of("AD_User_ID"), e.field());
        e = assertThrows(SubscriptionException.class,
                () -> LinkParameters.send(Map.of("C_BPartner_ID", 12, "AsOfDate", "x"), Optional.of(engine(calls))));
        assertEquals(Optional.of("AsOfDate"), e.field());
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> LinkParameters.send(Map.of("C_BPartner_ID", 12), Optional.empty()));
        assertTrue(none.getMessage().contains("Nothing was sent"), none.getMessage());
        assertEquals(2, calls.size(), "only the two the engine refused reached it: " + calls);
    }

    @Test
    void revoke_revokesTheButtonsRecord() {
        List<String> calls = new ArrayList<>();
        assertEquals(SENT, LinkParameters.revoke(Map.of(), 7, Optional.of(engine(calls))));
        assertEquals(List.of("revokeLink[7]"), calls);
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> LinkParameters.revoke(Map.of(), 99, Optional.of(engine(calls))));
        assertEquals(Optional.of("SUB_PortalLink_ID"), e.field());
        e = assertThrows(SubscriptionException.class, () -> LinkParameters.revoke(Map.of(), 0, Optional.of(engine(calls))));
        assertEquals(Optional.of("SUB_PortalLink_ID"), e.field());
    }
}
