package org.idempiere.subscription.plugin.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.RevenueBookingReport;
import org.idempiere.subscription.api.service.RevenueBookingService;
import org.junit.jupiter.api.Test;

class BookParametersTest {

    private static Map<String, Object> day(String iso) {
        Map<String, Object> v = new HashMap<>();
        v.put(BookParameters.DATE_ACCT, Timestamp.valueOf(LocalDate.parse(iso).atStartOfDay()));
        return v;
    }

    @Test
    void theMonthOfTheAccountDate_isBooked_once_throughTheEngine() {
        List<YearMonth> asked = new ArrayList<>();
        RevenueBookingService engine = month -> {
            asked.add(month);
            return new RevenueBookingReport(month, List.of(new RevenueBookingReport.Journal("EUR", 1000123, "GLJ-1042",
                    new BigDecimal("1234.56")), new RevenueBookingReport.Journal("CZK", 1000124, "GLJ-1043", new BigDecimal("-20.00"))));
        };
        RevenueBookingReport report = BookParameters.book(day("2026-04-17"), Optional.of(engine));
        assertEquals(List.of(YearMonth.of(2026, 4)), asked);
        assertEquals("Revenue recognition 2026-04: GL journal GLJ-1042 EUR 1234.56; GL journal GLJ-1043 CZK -20.00",
                BookParameters.summary(report));
        assertEquals("Revenue recognition 2026-04: nothing to book (booked already, nothing changed since)",
                BookParameters.summary(new RevenueBookingReport(YearMonth.of(2026, 4), List.of())));
    }

    @Test
    void withoutAnEngine_nothingIsBooked_andTheProcessSaysWhy() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BookParameters.book(day("2026-04-17"), Optional.empty()));
        assertEquals(BookParameters.NO_BOOKING_SERVICE, e.getMessage());
    }

    @Test
    void aMissingOrWrongOrUnknownParameter_isRefusedNamingIt() {
        SubscriptionException missing = assertThrows(SubscriptionException.class, () -> BookParameters.month(new HashMap<>()));
        assertEquals(ErrorCode.REQUIRED, missing.code());
        assertEquals(Optional.of("DateAcct"), missing.field());
        SubscriptionException text = assertThrows(SubscriptionException.class,
                () -> BookParameters.month(Map.of("DateAcct", "April")));
        assertEquals(Optional.of("DateAcct"), text.field());
        Map<String, Object> extra = day("2026-04-01");
        extra.put("C_Currency_ID", BigDecimal.valueOf(102));
        assertEquals(Optional.of("C_Currency_ID"), assertThrows(SubscriptionException.class, () -> BookParameters.month(extra)).field());
    }

    @Test
    void theParameters_areTheDictionarys() throws Exception {
        assertEquals(DictionaryParameters.of(BookParameters.PROCESS), BookParameters.NAMES);
    }
}
