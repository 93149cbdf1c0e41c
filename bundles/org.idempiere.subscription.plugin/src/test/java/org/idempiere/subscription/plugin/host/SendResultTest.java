package org.idempiere.subscription.plugin.host;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.idempiere.subscription.api.host.MailFailure;
import org.junit.jupiter.api.Test;

class SendResultTest {
    private static final String TO = "anna@example.com";

    @Test
    void anEmailThatCouldNotBePrepared_failsForGood() {
        MailFailure none = assertThrows(MailFailure.class, () -> SendResult.prepared("", false));
        assertTrue(none.permanent(), "createEMail gives no e-mail only for an empty recipient");
        assertDoesNotThrow(() -> SendResult.prepared("anna@example.com", true));
        assertDoesNotThrow(() -> SendResult.prepared("not an address", true), "send() judges the address");
    }

    /*
     * EMail.isValid() before send() knows only the tenant's SMTP host; send() applies the sender's
     * AD_SMTP record first and answers "Invalid Data" only if the settings are still incomplete.
     */
    @Test
    void invalidDataFromSend_failsForGoodForAMalformedAddress_elseIsTriedAgainAfterTheSettingsAreFixed() {
        MailFailure bad = assertThrows(MailFailure.class, () -> SendResult.sent("not an address", "Invalid Data"));
        assertTrue(bad.permanent());
        assertTrue(bad.getMessage().contains("\"not an address\""), bad.getMessage());
        MailFailure setup = assertThrows(MailFailure.class, () -> SendResult.sent("anna@example.com", "Invalid Data"));
        assertFalse(setup.permanent(), "the tenant's mail settings can be fixed");
        assertTrue(setup.getMessage().contains("request e-mail"), setup.getMessage());
        assertTrue(setup.getMessage().contains("SMTP record"), setup.getMessage());
    }

    @Test
    void theMailServersAnswer_aRefusedRecipientFailsForGood_anythingElseIsTriedAgain() {
        assertDoesNotThrow(() -> SendResult.sent(TO, "OK"));
        MailFailure down = assertThrows(MailFailure.class, () -> SendResult.sent(TO, "(ME) Could not connect to SMTP host"));
        assertFalse(down.permanent());
        assertEquals("Mail server: (ME) Could not connect to SMTP host", down.getMessage());
        assertTrue(assertThrows(MailFailure.class, () -> SendResult.sent(TO, "(ME) - Invalid: anna@nowhere.example"
                + " Invalid Addresses")).permanent());
        assertFalse(assertThrows(MailFailure.class, () -> SendResult.sent(TO, "(ME) - Invalid Username/Password - x")).permanent());
        assertEquals("Mail server: no answer", assertThrows(MailFailure.class, () -> SendResult.sent(TO, null)).getMessage());
    }
}
