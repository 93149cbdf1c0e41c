package org.idempiere.subscription.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Currency;
import org.idempiere.subscription.api.CurrencyMismatchException;
import org.idempiere.subscription.api.SubscriptionException;
import org.junit.jupiter.api.Test;

/** Problem JSON as the API answers it for the engine's errors. */
class ProblemsTest {

    @Test
    void currencyMismatch_is400_namingBothCurrencies() throws Exception {
        SubscriptionException e = new CurrencyMismatchException(Currency.getInstance("EUR"), Currency.getInstance("CZK"));
        JsonNode p = OpenApiDocument.MAPPER.readTree(Problems.of(e).toJson());
        assertEquals(400, Problems.status(e));
        assertEquals(400, p.path("status").asInt());
        assertEquals("CURRENCY_MISMATCH", p.path("code").asText());
        assertEquals("urn:idempiere-subscriptions:problem:currency-mismatch", p.path("type").asText());
        assertEquals("currency", p.path("field").asText());
        assertEquals("CZK", p.path("value").asText());
        assertEquals("[\"EUR\",\"CZK\"]", p.path("currencies").toString());
        assertEquals("currency 'CZK' does not match 'EUR': amounts in different currencies cannot be combined",
                p.path("detail").asText());
    }

    @Test
    void otherErrors_haveNoCurrencies() throws Exception {
        JsonNode p = OpenApiDocument.MAPPER.readTree(Problems.of(SubscriptionException.invalid("quantity", "-1", "must be positive")).toJson());
        assertEquals("INVALID_VALUE", p.path("code").asText());
        assertEquals(true, p.path("currencies").isMissingNode());
    }
}
