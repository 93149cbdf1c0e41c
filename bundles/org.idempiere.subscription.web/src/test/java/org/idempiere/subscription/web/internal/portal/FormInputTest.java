package org.idempiere.subscription.web.internal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Form fields are decoded with limits, and bad input is a 400 naming the field and the value. */
class FormInputTest {

    @Test
    void email_isTrimmedAndLowerCased() {
        assertEquals("jana@example.sk", FormInput.parse("email=+Jana%40Example.SK+&_csrf=x").email("email"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"email=", "email=jana", "email=jana%40example", "email=a%40b%40c.sk", "email=ja+na%40x.sk",
            "email=ja%0Ana%40x.sk", "other=1"})
    void email_refusesWhatIsNoAddress_namingTheField(String body) {
        PortalProblem p = assertThrows(PortalProblem.class, () -> FormInput.parse(body).email("email"));
        assertEquals(400, p.status());
        assertEquals(Optional.of("email"), p.field());
    }

    @Test
    void email_over254Characters_isRefused() {
        String address = "a".repeat(60) + "@" + "b".repeat(200) + ".sk";
        PortalProblem p = assertThrows(PortalProblem.class, () -> FormInput.parse("email=" + address).email("email"));
        assertEquals(Optional.of("email"), p.field());
        assertEquals(81, p.value().orElseThrow().length(), "long values are shortened on the page");
    }

    @Test
    void parse_refusesRepeatedFields_malformedEncoding_andTooManyFields() {
        assertEquals(Optional.of("email"), assertThrows(PortalProblem.class, () -> FormInput.parse("email=a&email=b")).field());
        assertEquals(Optional.of("email"), assertThrows(PortalProblem.class, () -> FormInput.parse("email=%zz")).field());
        assertEquals(Optional.of("body"), assertThrows(PortalProblem.class,
                () -> FormInput.parse("a=1&".repeat(FormInput.MAX_FIELDS + 1))).field());
        assertEquals(Optional.of("note"), assertThrows(PortalProblem.class,
                () -> FormInput.parse("note=" + "x".repeat(FormInput.MAX_FIELD + 1))).field());
    }

    @Test
    void raw_givesTheValueAsSent() {
        FormInput f = FormInput.parse("_csrf=abc-DEF_1&empty=");
        assertEquals(Optional.of("abc-DEF_1"), f.raw("_csrf"));
        assertEquals(Optional.of(""), f.raw("empty"));
        assertEquals(Optional.empty(), f.raw("missing"));
    }

    @Test
    void id_takesWholeNumbersFrom1_upToTenDigits() {
        assertEquals(42L, FormInput.parse("x=42").id("x"));
        assertEquals(9_999_999_999L, FormInput.parse("x=9999999999").id("x"));
        for (String bad : new String[] {"x=0", "x=-1", "x=042", "x=1.0", "x=1e3", "x=99999999999", "x=", "y=1"}) {
            PortalProblem p = assertThrows(PortalProblem.class, () -> FormInput.parse(bad).id("x"), bad);
            assertEquals(Optional.of("x"), p.field(), bad);
        }
    }

    @Test
    void text_isTrimmed_limited_andRefusesControlCharacters() {
        assertEquals(Optional.of("Budget cut"), FormInput.parse("c=+Budget+cut+").text("c", 255));
        assertEquals(Optional.empty(), FormInput.parse("c=+++").text("c", 255));
        assertEquals(Optional.of("two\nlines"), FormInput.parse("c=two%0Alines").text("c", 255));
        assertEquals(Optional.of("c"), assertThrows(PortalProblem.class, () -> FormInput.parse("c=" + "x".repeat(256)).text("c", 255))
                .field());
        assertEquals(Optional.of("c"), assertThrows(PortalProblem.class, () -> FormInput.parse("c=a%00b").text("c", 255)).field());
    }

    @Test
    void choice_acceptsOnlyWhatIsOffered() {
        assertEquals("plan", FormInput.parse("kind=plan").choice("kind", java.util.Set.of("plan", "quantity")));
        assertEquals(Optional.of("kind"), assertThrows(PortalProblem.class,
                () -> FormInput.parse("kind=PLAN").choice("kind", java.util.Set.of("plan"))).field());
    }
}
