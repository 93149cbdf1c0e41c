package org.idempiere.subscription.plugin.host;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.idempiere.subscription.api.host.MailFailure;
import org.junit.jupiter.api.Test;

class SendResultTest {

    @Test
    void anEmailThatCouldNotBePrepared_failsForGoodForAMalformedAddress_elseIsTriedAgain() {
        MailFailure bad = assertThrows(MailFailure.class, () -> SendResult.prepared("not an address", false));
        assertTrue(bad.permanent());
        assertTrue(bad.getMessage().contains("\"not an address\""), bad.getMessage());
        MailFailure setup = assertThrows(MailFailure.class, () -> SendResult.prepared("anna@example.com", false));
        assertFalse(setup.permanent(), "the tenant's mail settings can be fixed");
        assertTrue(setup.getMessage().contains("request e-mail"), setup.getMessage());
        assertDoesNotThrow(() -> SendResult.prepared("anna@example.com", true));
    }

    @Test
    void theMailServersAnswer_aRefusedRecipientFailsForGood_anythingElseIsTriedAgain() {
        assertDoesNotThrow(() -> SendResult.sent("OK"));
        MailFailure down = assertThrows(MailFailure.class, () -> SendResult.sent("(ME) Could not connect to SMTP host"));
        assertFalse(down.permanent());
        assertEquals("Mail server: (ME) Could not connect to SMTP host", down.getMessage());
        assertTrue(assertThrows(MailFailure.class, () -> SendResult.sent("(ME) - Invalid: anna@nowhere.example"
                + " Invalid Addresses")).permanent());
        assertFalse(assertThrows(MailFailure.class, () -> SendResult.sent("(ME) - Invalid Username/Password - x")).permanent());
        assertEquals("Mail server: no answer", assertThrows(MailFailure.class, () -> SendResult.sent(null)).getMessage());
    }
}
