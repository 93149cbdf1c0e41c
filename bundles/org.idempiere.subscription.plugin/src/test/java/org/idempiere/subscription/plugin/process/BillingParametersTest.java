package org.idempiere.subscription.plugin.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.BillingRunReport;
import org.idempiere.subscription.api.service.BillingScope;
import org.junit.jupiter.api.Test;

class BillingParametersTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 31);

    @Test
    void parse_noParameters_billsEverythingDueToday() {
        BillingParameters.Request r = BillingParameters.parse(Map.of(), TODAY);
        assertEquals(new BillingParameters.Request(TODAY, Optional.empty(), Optional.empty()), r);
        assertEquals(BillingScope.ALL, r.scope());
    }

    @Test
    void parse_asOfDate_dayOfTheTimestamp() {
        Map<String, Object> values = Map.of("AsOfDate", Timestamp.valueOf(LocalDateTime.of(2026, 2, 28, 0, 0)));
        assertEquals(LocalDate.of(2026, 2, 28), BillingParameters.parse(values, TODAY).asOf());
    }

    @Test
    void parse_idsAsIdempiereHandsThemOver_bigDecimalOrInteger_zeroIsNone() {
        Map<String, Object> values = new HashMap<>();
        values.put("SUB_Template_ID", new BigDecimal("1000000"));
        values.put("AD_Org_ID", 0);
        BillingParameters.Request r = BillingParameters.parse(values, TODAY);
        assertEquals(Optional.of(1000000L), r.templateId());
        assertEquals(Optional.empty(), r.organizationId());
        values.put("AD_Org_ID", Integer.valueOf(11));
        assertEquals(Optional.of(11L), BillingParameters.parse(values, TODAY).organizationId());
    }

    @Test
    void parse_consolidate_yesOrNo() {
        assertEquals(true, BillingParameters.parse(Map.of("SUB_Consolidate", "Y"), TODAY).scope().consolidate());
        assertEquals(false, BillingParameters.parse(Map.of("SUB_Consolidate", "N"), TODAY).scope().consolidate());
        assertEquals(false, BillingParameters.parse(Map.of(), TODAY).scope().consolidate());
        SubscriptionException bad = assertThrows(SubscriptionException.class,
                () -> BillingParameters.parse(Map.of("SUB_Consolidate", 1), TODAY));
        assertEquals(Optional.of("SUB_Consolidate"), bad.field());
    }

    /* iDempiere hands over every AD_Process_Para (and AD_Scheduler_Para); one the process does not read is refused. */
    @Test
    void parse_unknownParameter_refusedNamingIt_evenWithoutAValue() {
        Map<String, Object> values = new HashMap<>();
        values.put("AsOfDate", Timestamp.valueOf(LocalDateTime.of(2026, 2, 28, 0, 0)));
        values.put("C_BPartner_ID", new BigDecimal("1000009"));
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> BillingParameters.parse(values, TODAY));
        assertEquals(Optional.of("C_BPartner_ID"), e.field());
        assertEquals(Optional.of("1000009"), e.value());
        assertTrue(e.getMessage().contains("SUB_GenerateInvoices"), e.getMessage());
        Map<String, Object> unset = new HashMap<>();
        unset.put("IsTest", null);
        assertEquals(Optional.of("IsTest"), assertThrows(SubscriptionException.class,
                () -> BillingParameters.parse(unset, TODAY)).field());
        Map<String, Object> known = new HashMap<>();
        BillingParameters.NAMES.forEach(n -> known.put(n, null));
        assertEquals(TODAY, BillingParameters.parse(known, TODAY).asOf(), "every known parameter, none set");
    }

    /* The names the process reads are exactly the parameters the 2Pack gives it. */
    @Test
    void names_areTheDictionarysParametersOfTheProcess() throws Exception {
        assertEquals(DictionaryParameters.of(BillingParameters.PROCESS), BillingParameters.NAMES);
        assertEquals(DictionaryParameters.of(ActionParameters.PROCESS), ActionParameters.NAMES);
    }

    @Test
    void parse_wrongTypes_invalidValueNamingTheParameter() {
        SubscriptionException date = assertThrows(SubscriptionException.class,
                () -> BillingParameters.parse(Map.of("AsOfDate", "yesterday"), TODAY));
        assertEquals(Optional.of("AsOfDate"), date.field());
        SubscriptionException id = assertThrows(SubscriptionException.class,
                () -> BillingParameters.parse(Map.of("SUB_Template_ID", new BigDecimal("1.5")), TODAY));
        assertEquals(Optional.of("SUB_Template_ID"), id.field());
    }

    @Test
    void scope_templateOrOrganization_narrowsTheRun() {
        BillingParameters.Request byTemplate = new BillingParameters.Request(TODAY, Optional.of(1000000L), Optional.empty());
        BillingParameters.Request byOrg = new BillingParameters.Request(TODAY, Optional.empty(), Optional.of(11L));
        assertEquals(new BillingScope(Optional.of(1000000L), Optional.empty()), byTemplate.scope());
        assertEquals(new BillingScope(Optional.empty(), Optional.of(11L)), byOrg.scope());
    }

    @Test
    void summary_countsAndNetPerCurrency() {
        BillingRunReport report = new BillingRunReport(1000003, TODAY, 4, 5, List.of(1L, 2L, 3L, 4L, 5L), 1,
                List.of(new BillingRunReport.Failure(1000007, "HOST_FAILURE", "No Tax for product")),
                Map.of("EUR", new BigDecimal("444.00"), "CZK", new BigDecimal("2500.00")));
        assertEquals("Billing run 1000003 as of 2026-03-31: 4 subscription(s) billed, 5 invoice(s) created"
                + " (net CZK 2500.00, EUR 444.00), 1 failure", BillingParameters.summary(report));
        assertEquals(List.of("Subscription 1000007 not billed (HOST_FAILURE): No Tax for product"),
                BillingParameters.failureLines(report));
    }

    @Test
    void failureLines_moreFailuresThanListed_countsTheRest() {
        BillingRunReport report = new BillingRunReport(1, TODAY, 0, 0, List.of(), 1003,
                List.of(new BillingRunReport.Failure(7, "INVALID_STATE", "x")), Map.of());
        assertEquals(List.of("Subscription 7 not billed (INVALID_STATE): x", "... and 1002 more subscription(s) not billed"),
                BillingParameters.failureLines(report));
        assertEquals("Billing run 1 as of 2026-03-31: 0 subscription(s) billed, 0 invoice(s) created, 1003 failures",
                BillingParameters.summary(report));
    }
}
