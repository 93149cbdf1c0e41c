package org.idempiere.subscription.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.idempiere.subscription.api.service.PaymentTerms;
import org.junit.jupiter.api.Test;

/** The stored form of retry days: written with spaces (the dictionary's default), read with spaces or commas. */
class PaymentTermsTest {

    @Test
    void retryDays_writtenWithSpaces_readWithSpacesOrCommas() {
        assertEquals("1 3 5 7", PaymentTerms.MANUAL.retryDaysText());
        assertEquals("", new PaymentTerms(PaymentMode.AUTOMATIC, List.of()).retryDaysText());
        assertEquals(List.of(1, 3, 5, 7), PaymentTerms.parseRetryDays("1 3 5 7"));
        assertEquals(List.of(1, 3, 5, 7), PaymentTerms.parseRetryDays("1,3,5,7"));
        assertEquals(List.of(2, 4), PaymentTerms.parseRetryDays(" 2,  4 "));
        assertEquals(List.of(), PaymentTerms.parseRetryDays(" "));
        assertEquals(List.of(), PaymentTerms.parseRetryDays(null));
        for (PaymentTerms t : List.of(PaymentTerms.MANUAL, new PaymentTerms(PaymentMode.AUTOMATIC, List.of(2, 90)))) {
            assertEquals(t.retryDays(), PaymentTerms.parseRetryDays(t.retryDaysText()));
        }
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> PaymentTerms.parseRetryDays("1 three"));
        assertEquals("payment.retryDays", e.field().orElseThrow());
    }
}
