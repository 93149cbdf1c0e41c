package org.idempiere.subscription.web.internal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.service.ChangeDraft;
import org.idempiere.subscription.api.service.LineChange;
import org.idempiere.subscription.api.service.LineDraft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a change form sends becomes exactly one engine change, and the confirmation repeats the same fields. */
class ChangeFormTest {

    private static ChangeForm read(String body) {
        return ChangeForm.read(FormInput.parse(body));
    }

    @Test
    void eachKind_becomesItsChange() {
        assertEquals(new ChangeDraft(Optional.empty(), Optional.empty(), List.of(new LineChange.Add(
                new LineDraft(12, BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO)))), read("kind=add-option&product=12").draft());
        assertEquals(List.of(new LineChange.Remove(34)), read("kind=remove-option&line=34").draft().lines());
        assertEquals(List.of(new LineChange.Update(34, Optional.of(new BigDecimal("2.5")), Optional.empty(), Optional.empty())),
                read("kind=quantity&line=34&quantity=2%2C5").draft().lines());
        assertEquals(Optional.of(56L), read("kind=plan&plan=56").draft().templateId());
    }

    @Test
    void fields_repeatWhatWasSent_forTheConfirmation() {
        assertEquals(Map.of("kind", "quantity", "line", "34", "quantity", "2.5"), read("kind=quantity&line=34&quantity=2.50").fields());
        assertEquals(read("kind=plan&plan=56"), read("kind=plan&plan=56&extra=ignored"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "kind=delete&line=1", "kind=add-option", "kind=add-option&product=abc", "kind=add-option&product=0",
            "kind=quantity&line=1", "kind=quantity&line=1&quantity=0", "kind=quantity&line=1&quantity=-2",
            "kind=quantity&line=1&quantity=1e3", "kind=quantity&line=1&quantity=2000000", "kind=plan&plan=99999999999"})
    void whatIsNoChange_isA400NamingTheField(String body) {
        PortalProblem p = assertThrows(PortalProblem.class, () -> read(body));
        assertEquals(400, p.status());
    }
}
