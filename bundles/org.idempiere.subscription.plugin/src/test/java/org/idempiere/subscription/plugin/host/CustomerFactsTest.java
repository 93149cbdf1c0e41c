package org.idempiere.subscription.plugin.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.idempiere.subscription.api.host.Customer;
import org.junit.jupiter.api.Test;

class CustomerFactsTest {

    @Test
    void billTo_firstBillToLocationInIdOrder() {
        assertEquals(OptionalInt.of(12), CustomerFacts.billTo(List.of(new CustomerFacts.Location(11, false),
                new CustomerFacts.Location(12, true), new CustomerFacts.Location(13, true))));
    }

    @Test
    void billTo_noBillToLocation_none() {
        assertEquals(OptionalInt.empty(), CustomerFacts.billTo(List.of(new CustomerFacts.Location(11, false))));
        assertEquals(OptionalInt.empty(), CustomerFacts.billTo(List.of()));
    }

    @Test
    void email_contactOfTheBillToLocationWins() {
        List<CustomerFacts.Contact> contacts = List.of(new CustomerFacts.Contact(0, "sales@example.sk"),
                new CustomerFacts.Contact(12, " "), new CustomerFacts.Contact(12, " billing@example.sk "));
        assertEquals(Optional.of("billing@example.sk"), CustomerFacts.email(contacts, 12));
    }

    @Test
    void email_noContactAtBillTo_firstContactWithAnAddress() {
        List<CustomerFacts.Contact> contacts = List.of(new CustomerFacts.Contact(0, null),
                new CustomerFacts.Contact(13, "office@example.cz"), new CustomerFacts.Contact(0, "other@example.cz"));
        assertEquals(Optional.of("office@example.cz"), CustomerFacts.email(contacts, 12));
        assertEquals(Optional.empty(), CustomerFacts.email(List.of(new CustomerFacts.Contact(12, "")), 12));
    }

    @Test
    void customer_partnerLanguageElseContextLanguage() {
        assertEquals(new Customer(7, "Alfa s.r.o.", Optional.empty(), 12, "SK", "sk_SK"),
                CustomerFacts.customer(7, "Alfa s.r.o.", Optional.empty(), 12, " SK", "sk_SK", "en_US"));
        assertEquals("en_US", CustomerFacts.customer(7, "Beta", Optional.empty(), 12, "CZ", null, "en_US").language());
        assertEquals("en_US", CustomerFacts.customer(7, "Beta", Optional.empty(), 12, "CZ", " ", "en_US").language());
    }
}
