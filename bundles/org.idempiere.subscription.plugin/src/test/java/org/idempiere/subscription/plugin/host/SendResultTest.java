package org.idempiere.subscription.plugin.host;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.idempiere.subscription.api.host.MailFailure;
import org.junit.jupiter.api.Test;

class SendResultTest {

    @Test
    void anEmailThatCouldNotBePrepared_failsForGood_namingTheAddress() {
        MailFailure f = assertThrows(MailFailure.class, () -> SendResult.prepared("not an address", false));
        assertTrue(f.permanent());
        assertTrue(f.getMessage().contains("\"not an address\""), f.getMessage());
        assertDoesNotThrow(() -> SendResult.prepared("anna@example.com", true));
    }

    @Test
    void theMailServersAnswer_otherThanOk_isAPassingFailure() {
        assertDoesNotThrow(() -> SendResult.sent("OK"));
        MailFailure down = assertThrows(MailFailure.class, () -> SendResult.sent("Could not connect to SMTP host"));
        assertEquals(false, down.permanent());
        assertEquals("Mail server: Could not connect to SMTP host", down.getMessage());
        assertEquals("Mail server: no answer", assertThrows(MailFailure.class, () -> SendResult.sent(null)).getMessage());
    }
}
