package org.idempiere.subscription.plugin.host;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.SubscriptionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompletionCheckTest {

    @Test
    void constants_areIdempiereValues() {
        assertEquals("CO", CompletionCheck.COMPLETED);
        assertEquals("ARI", CompletionCheck.AR_INVOICE);
    }

    @Test
    void requireCompleted_processedAndCompleted_passes() {
        assertDoesNotThrow(() -> CompletionCheck.requireCompleted("INV-1", true, "CO", null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "false | IN | No Tax for product   | Invoice 1001 could not be completed (DocStatus IN): No Tax for product",
        "false | DR | NULL                 | Invoice 1001 could not be completed (DocStatus DR): iDempiere gave no reason",
        "true  | IP | ' '                  | Invoice 1001 could not be completed (DocStatus IP): iDempiere gave no reason",
        "false | IN | ' @PeriodClosed@ '   | Invoice 1001 could not be completed (DocStatus IN): @PeriodClosed@",
    })
    void requireCompleted_otherwise_hostFailureWithIdempiereReason(boolean processed, String status, String msg, String expected) {
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> CompletionCheck.requireCompleted("1001", processed, status, msg));
        assertEquals(ErrorCode.HOST_FAILURE, e.code());
        assertEquals(expected, e.getMessage());
    }

    @Test
    void requireDocumentType_none_hostFailureNamingDocBaseType() {
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> CompletionCheck.requireDocumentType(0, 11));
        assertEquals("No active document type with DocBaseType ARI (AR Invoice) for organization 11 or '*'", e.getMessage());
        assertDoesNotThrow(() -> CompletionCheck.requireDocumentType(116, 11));
    }
}
