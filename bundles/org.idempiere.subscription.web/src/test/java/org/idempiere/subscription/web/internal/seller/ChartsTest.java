package org.idempiere.subscription.web.internal.seller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartsTest {
    private static List<BigDecimal> values(String... v) {
        return java.util.Arrays.stream(v).map(BigDecimal::new).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> chart, String key) {
        return (List<Map<String, Object>>) chart.get(key);
    }

    @Test
    void line_scalesFromZeroToARoundMaximum_inRoundSteps() {
        Map<String, Object> c = Charts.line(List.of("01", "02", "03"), values("100", "250", "380"), BigDecimal::toPlainString, v -> v + " €");
        List<Map<String, Object>> ticks = list(c, "ticks");
        assertEquals(List.of("0", "100", "200", "300", "400"), ticks.stream().map(t -> (String) t.get("label")).toList());
        List<Map<String, Object>> points = list(c, "points");
        assertEquals("64.0", points.get(0).get("x"));
        assertEquals("708.0", points.get(2).get("x"));
        assertEquals("230.0", c.get("zero"), "zero at the bottom of the plot");
        assertEquals(ticks.get(0).get("y"), c.get("zero"));
        assertEquals("03: 380 €", points.get(2).get("title"));
        assertTrue(((String) c.get("area")).endsWith("Z"));
    }

    @Test
    void stacked_putsGainsAboveZero_andLossesBelow_eachOnTheLast() {
        Map<String, Object> c = Charts.stacked(List.of("P1"), List.of(new Charts.Series("new", "New", values("30")),
                new Charts.Series("expansion", "Expansion", values("10")), new Charts.Series("churn", "Churn", values("-20")),
                new Charts.Series("delinquent", "Delinquent", values("0"))), BigDecimal::toPlainString, BigDecimal::toPlainString);
        List<Map<String, Object>> bars = list(c, "bars");
        assertEquals(3, bars.size(), "a zero value draws no bar");
        double zero = Double.parseDouble((String) c.get("zero"));
        Map<String, Object> nw = bars.get(0);
        Map<String, Object> ex = bars.get(1);
        Map<String, Object> ch = bars.get(2);
        double bottomOfNew = Double.parseDouble((String) nw.get("y")) + Double.parseDouble((String) nw.get("h"));
        assertEquals(zero, bottomOfNew, 0.11);
        assertEquals(Double.parseDouble((String) nw.get("y")), Double.parseDouble((String) ex.get("y")) + Double.parseDouble((String) ex.get("h")),
                0.11, "expansion sits on new");
        assertEquals(zero, Double.parseDouble((String) ch.get("y")), 0.11, "churn hangs from zero");
        assertEquals("P1 · Churn: -20", ch.get("title"));
        assertEquals(List.of("-20", "0", "20", "40"), list(c, "ticks").stream().map(t -> (String) t.get("label")).toList());
    }
}
