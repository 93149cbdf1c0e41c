package org.idempiere.subscription.plugin.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.MethodRegistration;
import org.idempiere.subscription.api.host.PaymentMethod;
import org.idempiere.subscription.api.host.PaymentMethodKind;
import org.idempiere.subscription.api.host.TokenDetails;
import org.junit.jupiter.api.Test;

class SavedMethodFieldsTest {

    private static MethodRegistration card(String brand, String last4, YearMonth expiry) {
        return new MethodRegistration("cus_123/pm_456", true, Optional.of(TokenDetails.card(brand, last4, expiry,
                Optional.of(" Jana Novakova "))));
    }

    @Test
    void aCard_isKeptAsIdempiereMasksIt_andReadBack() {
        SavedMethodFields.Stored s = SavedMethodFields.of(card("visa", "4242", YearMonth.of(2031, 7)), true);
        assertEquals("cus_123/pm_456", s.token());
        assertEquals("V", s.creditCardType());
        assertEquals("0000000000004242", s.creditCardNumber(), "PaymentUtil.encrpytCreditCard's form: zeros and the last four");
        assertEquals(7, s.expMM());
        assertEquals(31, s.expYY(), "CreditCardExpYY has two digits");
        assertEquals("D", s.bpBankAcctUse(), "the default is the account used for direct debit");
        assertEquals("Jana Novakova", s.holder());
        PaymentMethod m = SavedMethodFields.view(1000001, 1000002, s);
        assertEquals(new PaymentMethod(1000001, 1000002, PaymentMethodKind.CARD, Optional.of("VISA"), Optional.of("4242"),
                Optional.of(YearMonth.of(2031, 7)), Optional.empty(), Optional.empty(), Optional.empty(), true), m);
        assertEquals("N", SavedMethodFields.of(card("MASTERCARD", "4444", YearMonth.of(2030, 1)), false).bpBankAcctUse());
        assertEquals(Optional.of("AMEX"), SavedMethodFields.view(1, 2, SavedMethodFields.of(card("AMEX", "0005",
                YearMonth.of(2030, 1)), false)).brand());
    }

    @Test
    void aFullNumberTypedIntoTheWindow_isNeverReadBack() {
        PaymentMethod m = SavedMethodFields.view(1, 2, new SavedMethodFields.Stored("t", "V", "4242 4242 4242 4242", 1, 30, null,
                "N", null));
        assertEquals(Optional.empty(), m.last4());
    }

    @Test
    void aMandate_keepsOnlyTheMaskedIban() {
        MethodRegistration r = new MethodRegistration("mandate_1", false, Optional.of(TokenDetails.directDebit(
                "DE89**************3000", "MANDATE-1", LocalDate.of(2026, 1, 15), Optional.empty())));
        SavedMethodFields.Stored s = SavedMethodFields.of(r, false);
        assertEquals("DE89**************3000", s.accountNo());
        assertEquals(null, s.creditCardType());
        PaymentMethod m = SavedMethodFields.view(5, 6, s);
        assertEquals(PaymentMethodKind.DIRECT_DEBIT, m.kind());
        assertEquals(Optional.of("DE89**************3000"), m.maskedIban());
        assertFalse(m.isDefault());
        assertEquals(Optional.empty(), m.mandateReference(), "release 12's C_BP_BankAccount has no mandate columns");
    }

    private static void refused(ErrorCode code, String field, String value, MethodRegistration r) {
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> SavedMethodFields.of(r, true));
        assertEquals(code, e.code());
        assertEquals(Optional.of(field), e.field());
        if (value != null) {
            assertEquals(Optional.of(value), e.value());
        }
    }

    @Test
    void whatIsNotWhatAGatewayShows_isRefused_namingTheField() {
        refused(ErrorCode.REQUIRED, "details", null, new MethodRegistration("tok", true));
        refused(ErrorCode.INVALID_VALUE, "token", null, new MethodRegistration(" ", true));
        refused(ErrorCode.INVALID_VALUE, "token", null, new MethodRegistration("x".repeat(61), true,
                Optional.of(TokenDetails.card("VISA", "4242", YearMonth.of(2030, 1), Optional.empty()))));
        refused(ErrorCode.INVALID_VALUE, "details.brand", "JCB", card("JCB", "4242", YearMonth.of(2030, 1)));
        refused(ErrorCode.INVALID_VALUE, "details.last4", "****", card("VISA", "4242424242424242", YearMonth.of(2030, 1)));
        refused(ErrorCode.INVALID_VALUE, "details.maskedIban", "DE89**************3000", new MethodRegistration("t", true,
                Optional.of(TokenDetails.directDebit("DE89370400440532013000", "M", LocalDate.of(2026, 1, 1), Optional.empty()))));
        SubscriptionException full = assertThrows(SubscriptionException.class, () -> SavedMethodFields.of(new MethodRegistration(
                "t", true, Optional.of(TokenDetails.directDebit("DE89370400440532013000", "M", LocalDate.of(2026, 1, 1),
                        Optional.empty()))), true));
        assertFalse(full.getMessage().contains("370400440532013000"), "a full IBAN is not repeated: " + full.getMessage());
        assertTrue(full.getMessage().contains("details.maskedIban"));
    }
}
