package org.idempiere.subscription.plugin.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
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
                "N", null, null, null));
        assertEquals(Optional.empty(), m.last4());
    }

    /**
     * iDempiere's {@code C_BP_BankAccount} as its {@code PO} answers generic column access: only
     * the columns its table has (release 12's, plus ours once the 2Pack is applied), a date column
     * taking only a {@link Timestamp}, as {@code set_Value} checks the class of {@code POInfo}.
     */
    private static final class BankAccountRecord implements SavedMethodFields.Columns {
        final Map<String, Class<?>> columns = new HashMap<>();
        final Map<String, Object> values = new HashMap<>();

        BankAccountRecord(boolean with2Pack) {
            columns.put("AccountNo", String.class);
            columns.put("CustomerPaymentProfileID", String.class);
            if (with2Pack) {
                columns.put(SavedMethodFields.MANDATE_REFERENCE, String.class);
                columns.put(SavedMethodFields.MANDATE_DATE, Timestamp.class);
            }
        }

        @Override
        public Object get(String columnName) {
            return values.get(columnName);
        }

        @Override
        public boolean set(String columnName, Object value) {
            Class<?> type = columns.get(columnName);
            if (type == null || (value != null && !type.isInstance(value))) {
                return false;
            }
            values.put(columnName, value);
            return true;
        }
    }

    private static MethodRegistration mandate(String reference, LocalDate signed) {
        return new MethodRegistration("mandate_1", false, Optional.of(TokenDetails.directDebit("DE89**************3000", reference,
                signed, Optional.empty())));
    }

    /** What IdempierePayments does: of, writeMandate on the new record, then readMandate when it reads the record back. */
    private static PaymentMethod registeredAndReadBack(MethodRegistration r, BankAccountRecord record) {
        SavedMethodFields.Stored s = SavedMethodFields.of(r, r.makeDefault());
        record.set("AccountNo", s.accountNo());
        SavedMethodFields.writeMandate(s, record);
        SavedMethodFields.Mandate m = SavedMethodFields.readMandate(record);
        return SavedMethodFields.view(5, 6, new SavedMethodFields.Stored(s.token(), s.creditCardType(), s.creditCardNumber(),
                s.expMM(), s.expYY(), (String) record.get("AccountNo"), s.bpBankAcctUse(), s.holder(), m.reference(), m.date()));
    }

    @Test
    void aMandate_keepsItsMaskedIban_referenceAndDate_inTheColumnsOfThe2Pack() {
        BankAccountRecord record = new BankAccountRecord(true);
        PaymentMethod m = registeredAndReadBack(mandate(" MANDATE-2026/001 ", LocalDate.of(2026, 1, 15)), record);
        assertEquals(new PaymentMethod(5, 6, PaymentMethodKind.DIRECT_DEBIT, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("DE89**************3000"), Optional.of("MANDATE-2026/001"), Optional.of(LocalDate.of(2026, 1, 15)), false),
                m);
        assertEquals("MANDATE-2026/001", record.values.get("SUB_MandateReference"));
        assertEquals(Timestamp.valueOf("2026-01-15 00:00:00"), record.values.get("SUB_MandateDate"),
                "a date column holds a Timestamp at midnight, as iDempiere stores dates");
    }

    @Test
    void aCard_writesNoMandateColumns() {
        BankAccountRecord record = new BankAccountRecord(true);
        SavedMethodFields.writeMandate(SavedMethodFields.of(card("VISA", "4242", YearMonth.of(2031, 7)), true), record);
        assertEquals(Map.of(), record.values);
        assertEquals(new SavedMethodFields.Mandate(null, null), SavedMethodFields.readMandate(record));
    }

    @Test
    void withoutThe2PacksColumns_aMandateIsRefused_neverSavedWithoutItsReference() {
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> registeredAndReadBack(mandate("M-1",
                LocalDate.of(2026, 1, 15)), new BankAccountRecord(false)));
        assertEquals(ErrorCode.HOST_FAILURE, e.code());
        assertTrue(e.getMessage().contains("SUB_MandateReference"), e.getMessage());
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
        refused(ErrorCode.INVALID_VALUE, "details.mandateReference", "MANDATE#1", mandate("MANDATE#1", LocalDate.of(2026, 1, 1)));
        refused(ErrorCode.INVALID_VALUE, "details.mandateReference", "M".repeat(35) + "...", mandate("M".repeat(36),
                LocalDate.of(2026, 1, 1)));
        refused(ErrorCode.REQUIRED, "details.mandateReference", null, new MethodRegistration("t", true, Optional.of(
                new TokenDetails(PaymentMethodKind.DIRECT_DEBIT, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.of("DE89**************3000"), Optional.empty(), Optional.of(LocalDate.of(2026, 1, 1)),
                        Optional.empty()))));
        refused(ErrorCode.REQUIRED, "details.mandateDate", null, new MethodRegistration("t", true, Optional.of(
                new TokenDetails(PaymentMethodKind.DIRECT_DEBIT, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.of("DE89**************3000"), Optional.of("M-1"), Optional.empty(), Optional.empty()))));
        refused(ErrorCode.INVALID_VALUE, "details.maskedIban", "DE89**************3000", new MethodRegistration("t", true,
                Optional.of(TokenDetails.directDebit("DE89370400440532013000", "M", LocalDate.of(2026, 1, 1), Optional.empty()))));
        SubscriptionException full = assertThrows(SubscriptionException.class, () -> SavedMethodFields.of(new MethodRegistration(
                "t", true, Optional.of(TokenDetails.directDebit("DE89370400440532013000", "M", LocalDate.of(2026, 1, 1),
                        Optional.empty()))), true));
        assertFalse(full.getMessage().contains("370400440532013000"), "a full IBAN is not repeated: " + full.getMessage());
        assertTrue(full.getMessage().contains("details.maskedIban"));
    }
}
