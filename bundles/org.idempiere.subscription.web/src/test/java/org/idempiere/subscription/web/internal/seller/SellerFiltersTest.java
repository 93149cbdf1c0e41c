package org.idempiere.subscription.web.internal.seller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.service.Granularity;
import org.idempiere.subscription.web.internal.portal.FormInput;
import org.idempiere.subscription.web.internal.portal.PortalProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SellerFiltersTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-12-07");

    private static SellerFilters read(String query) {
        return SellerFilters.read(FormInput.parse(query), TODAY);
    }

    @org.junit.jupiter.api.Test
    void defaults_areTheTwelveMonthsToTheEndOfThisMonth_byMonth() {
        SellerFilters f = read("");
        assertEquals(LocalDate.parse("2026-01-01"), f.query().from());
        assertEquals(LocalDate.parse("2026-12-31"), f.query().to());
        assertEquals(Granularity.MONTH, f.query().granularity());
        assertEquals("from=2026-01-01&to=2026-12-31&granularity=MONTH", f.queryString());
    }

    @org.junit.jupiter.api.Test
    void values_areRead_andCurrenciesUpperCased_andLinksKeepThem() {
        SellerFilters f = read("from=2025-01-01&to=2025-06-30&granularity=quarter&templateId=1000001&currency=eur&reportingCurrency=czk");
        assertEquals(Granularity.QUARTER, f.query().granularity());
        assertEquals(Optional.of(1000001L), f.query().templateId());
        assertEquals(Optional.of("EUR"), f.query().currency());
        assertEquals(Optional.of("CZK"), f.query().reportingCurrency());
        assertEquals("from=2025-01-01&to=2025-06-30&granularity=QUARTER&templateId=1000001&currency=EUR&reportingCurrency=CZK&type=NEW",
                f.queryString(Map.of("type", "NEW")));
    }

    @org.junit.jupiter.api.Test
    void theSegmentAndTheDimension_areRead_countryCodesUpperCased() {
        SellerFilters f = read("productId=1000123&country=sk&region=sk/Bratislava&salesRepId=1000060&by=sales_rep");
        assertEquals(new org.idempiere.subscription.api.service.Segment(Optional.of(1000123L), Optional.of("SK"),
                Optional.of("SK/Bratislava"), Optional.of(1000060L)), f.query().segment());
        assertEquals(org.idempiere.subscription.api.service.Breakdown.Dimension.SALES_REP, f.by());
        assertEquals(org.idempiere.subscription.api.service.Breakdown.Dimension.PLAN, read("").by());
        assertEquals("productId=1000123&country=SK&region=SK%2FBratislava&salesRepId=1000060&by=SALES_REP&from=2026-01-01"
                + "&to=2026-12-31&granularity=MONTH", f.queryString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            from=2025-13-01         | from              | 2025-13-01
            to=yesterday            | to                | yesterday
            granularity=FORTNIGHT   | granularity       | FORTNIGHT
            templateId=abc          | templateId        | abc
            templateId=0            | templateId        | 0
            currency=EURO           | currency          | EURO
            reportingCurrency=1%2B1 | reportingCurrency | 1+1
            productId=x1            | productId         | x1
            salesRepId=0            | salesRepId        | 0
            country=SVK             | country           | SVK
            region=S/Bratislava     | region            | S/Bratislava
            region=SK/              | region            | SK/
            by=COLOUR               | by                | COLOUR
            """)
    void badInput_namesTheFieldAndTheValue(String query, String field, String value) {
        PortalProblem p = assertThrows(PortalProblem.class, () -> read(query));
        assertEquals(400, p.status());
        assertEquals(Optional.of(field), p.field());
        assertEquals(Optional.of(value), p.value());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            from=2024-01-01&to=2124-01-01 | 2124-01-01 | 2024-01-01 | 2034-01-01
            from=2024-01-01&to=2023-12-31 | 2023-12-31 | 2024-01-01 | 2034-01-01
            from=2024-02-29&to=2034-03-01 | 2034-03-01 | 2024-02-29 | 2034-02-28
            """)
    void toOutOfRange_namesTheDaysAllowed_theEnginesLimit(String query, String value, String first, String last) {
        SellerFilters f = read(query);
        PortalProblem p = assertThrows(PortalProblem.class, f::checkRange);
        assertEquals(400, p.status());
        assertEquals(Optional.of("to"), p.field());
        assertEquals(Optional.of(value), p.value());
        assertEquals(java.util.List.of(first, last), p.allowed());
        assertEquals(LocalDate.parse(last), read(query.replace(value, last)).checkRange().query().to(), "the last day allowed is accepted");
    }
}
