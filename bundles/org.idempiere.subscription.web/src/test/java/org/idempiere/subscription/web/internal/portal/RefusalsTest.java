package org.idempiere.subscription.web.internal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.junit.jupiter.api.Test;

/** The engine's refusals become the portal's own texts, chosen by field and kind; other errors stay errors. */
class RefusalsTest {

    @Test
    void invalidInput_is400_conflicts_409_byTheFieldsLastPart() {
        assertEquals(Optional.of(new Refusals.Refusal(400, "refusal.quantity")),
                Refusals.of(SubscriptionException.invalid("lines[0].quantity", 1, "is below 3")));
        assertEquals(Optional.of(new Refusals.Refusal(409, "refusal.permission")),
                Refusals.of(SubscriptionException.invalidState("customerPermission", "NO", "ask the seller")));
        assertEquals(Optional.of(new Refusals.Refusal(409, "refusal.lastMethod")),
                Refusals.of(SubscriptionException.invalidState("methodId", 7, "is the last")));
        assertEquals(Optional.of(new Refusals.Refusal(400, "refusal.invalid")),
                Refusals.of(SubscriptionException.invalid("somethingNew", 7, "no")));
        assertEquals(Optional.of(new Refusals.Refusal(409, "refusal.conflict")),
                Refusals.of(SubscriptionException.invalidState("somethingNew", 7, "no")));
    }

    @Test
    void notFound_andHostFailures_areNoRefusals() {
        assertEquals(Optional.empty(), Refusals.of(SubscriptionException.notFound("Subscription", 5)));
        assertEquals(Optional.empty(), Refusals.of(SubscriptionException.hostFailure("down", null)));
    }

    @Test
    void everyRefusal_hasATextInEveryLanguage() {
        Messages m = Messages.load();
        for (PortalLanguage l : PortalLanguage.values()) {
            for (String key : Refusals.keys()) {
                assertTrue(m.keys(l).contains(key), key + " in " + l);
            }
        }
    }
}
