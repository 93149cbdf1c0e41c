package org.idempiere.subscription.core.internal.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Largest-remainder splits, worked by hand. */
class AttributionTest {
    private static Map<String, BigDecimal> weights(String... kv) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put(kv[i], new BigDecimal(kv[i + 1]));
        }
        return out;
    }

    private static String split(String amount, int scale, Map<String, BigDecimal> w) {
        return Attribution.split(new BigDecimal(amount), scale, w).toString();
    }

    /*
     * 100.00 over 1 : 1 : 1 is 10000 cents: 3333 each (remainders 1/3 each) and one cent left, to the first on the tie.
     */
    @Test
    void split_equalWeights_givesTheCentLeftToTheFirstPart() {
        assertEquals("{a=33.34, b=33.33, c=33.33}", split("100.00", 2, weights("a", "1", "b", "1", "c", "1")));
    }

    /*
     * 48.00 over lines of 20.00, 7.50, 2.50 (sum 30.00): exact shares 32.00, 12.00, 4.00 — no remainder.
     * 10.00 over 20.00, 7.50, 2.50: 1000 cents x 20/30 = 666.67 -> 666 r 20; x 7.5/30 = 250 r 0; x 2.5/30 = 83.33 -> 83 r 10:
     * one cent left goes to the largest remainder, the first: 6.67, 2.50, 0.83.
     */
    @Test
    void split_byLineNet_largestRemainderTakesTheCent() {
        Map<String, BigDecimal> w = weights("p1", "20.00", "p2", "7.50", "p3", "2.50");
        assertEquals("{p1=32.00, p2=12.00, p3=4.00}", split("48.00", 2, w));
        assertEquals("{p1=6.67, p2=2.50, p3=0.83}", split("10.00", 2, w));
    }

    /* A credit is the mirror of the same charge; a currency without decimals splits whole units. */
    @Test
    void split_negativeAndScaleZero() {
        Map<String, BigDecimal> w = weights("p1", "20.00", "p2", "7.50", "p3", "2.50");
        assertEquals("{p1=-6.67, p2=-2.50, p3=-0.83}", split("-10.00", 2, w));
        assertEquals("{p1=667, p2=250, p3=83}", split("1000", 0, w));
    }

    /* Lines that cost nothing: equal shares; no line at all is refused. */
    @Test
    void split_zeroWeights_shareEqually_andNoPartIsRefused() {
        assertEquals("{a=5.00, b=5.00}", split("10.00", 2, weights("a", "0", "b", "0.00")));
        assertEquals("{a=0.00, b=0.00}", split("0", 2, weights("a", "3", "b", "1")));
        assertThrows(IllegalArgumentException.class, () -> split("1.00", 2, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> split("1.00", 2, weights("a", "-1")));
    }

    /* Whatever the weights, the parts add up to the amount and each is within one cent of its exact share. */
    @Test
    void split_randomWeights_addUpExactly() {
        Random r = new Random(12);
        for (int n = 0; n < 2000; n++) {
            Map<String, BigDecimal> w = new LinkedHashMap<>();
            int parts = 1 + r.nextInt(6);
            for (int i = 0; i < parts; i++) {
                w.put("p" + i, BigDecimal.valueOf(r.nextInt(10_000), 2));
            }
            BigDecimal amount = BigDecimal.valueOf(r.nextInt(2_000_000) - 1_000_000, 2);
            Map<String, BigDecimal> s = Attribution.split(amount, 2, w);
            assertEquals(amount, s.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add), w + " " + amount);
        }
    }
}
