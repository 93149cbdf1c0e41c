package org.idempiere.subscription.web.internal.seller;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The geometry of the page's charts, drawn by the template as inline SVG (decision 0045): a line with its area
 * (MRR over time) and stacked bars around a zero line (MRR movements). Only coordinates, labels and CSS class
 * names leave here; the template escapes every text, and colours come from the style sheet, so the page needs
 * neither script nor inline style. Coordinates are in a fixed {@value #WIDTH} × {@value #HEIGHT} view box the
 * SVG scales to its width. Amounts are drawn from {@code double}s (pixels only); every figure shown as text comes
 * from the exact amounts.
 */
final class Charts {
    static final int WIDTH = 720;
    static final int HEIGHT = 260;
    private static final int LEFT = 64;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 30;
    private static final int MAX_X_LABELS = 8;

    private Charts() {
    }

    /** One stacked series: its CSS class, its name, and a value per period. */
    record Series(String cssClass, String name, List<BigDecimal> values) {
    }

    /**
     * A line with the area under it.
     *
     * @param tick formats an axis value (whole units)
     * @param point formats a point's exact value for its tooltip
     */
    static Map<String, Object> line(List<String> labels, List<BigDecimal> values, Function<BigDecimal, String> tick,
            Function<BigDecimal, String> point) {
        double max = 0;
        double min = 0;
        for (BigDecimal v : values) {
            max = Math.max(max, v.doubleValue());
            min = Math.min(min, v.doubleValue());
        }
        Scale s = Scale.of(min, max);
        int n = values.size();
        double step = n <= 1 ? 0 : (double) (WIDTH - LEFT - RIGHT) / (n - 1);
        StringBuilder line = new StringBuilder();
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = n == 1 ? (LEFT + WIDTH - RIGHT) / 2.0 : LEFT + i * step;
            double y = s.y(values.get(i).doubleValue());
            line.append(i == 0 ? "M" : " L").append(f(x)).append(' ').append(f(y));
            points.add(Map.of("x", f(x), "y", f(y), "title", labels.get(i) + ": " + point.apply(values.get(i))));
        }
        Map<String, Object> chart = frame(s, labels, i -> n == 1 ? (LEFT + WIDTH - RIGHT) / 2.0 : LEFT + i * step, tick);
        String zero = f(s.y(0));
        chart.put("line", line.toString());
        chart.put("area", n == 0 ? "" : line + " L" + points.get(n - 1).get("x") + " " + zero + " L" + points.get(0).get("x") + " "
                + zero + " Z");
        chart.put("points", points);
        return chart;
    }

    /**
     * Bars per period, positive values stacked up from zero and negative ones down, in the order of
     * {@code series}.
     */
    static Map<String, Object> stacked(List<String> labels, List<Series> series, Function<BigDecimal, String> tick,
            Function<BigDecimal, String> point) {
        int n = labels.size();
        double max = 0;
        double min = 0;
        for (int i = 0; i < n; i++) {
            double up = 0;
            double down = 0;
            for (Series se : series) {
                double v = se.values().get(i).doubleValue();
                if (v > 0) {
                    up += v;
                } else {
                    down += v;
                }
            }
            max = Math.max(max, up);
            min = Math.min(min, down);
        }
        Scale s = Scale.of(min, max);
        double slot = (double) (WIDTH - LEFT - RIGHT) / Math.max(1, n);
        double bar = Math.max(2, Math.min(48, slot * 0.62));
        List<Map<String, Object>> bars = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = LEFT + i * slot + (slot - bar) / 2;
            double up = 0;
            double down = 0;
            for (Series se : series) {
                BigDecimal value = se.values().get(i);
                double v = value.doubleValue();
                if (v == 0) {
                    continue;
                }
                double from = v > 0 ? up : down;
                double to = from + v;
                if (v > 0) {
                    up = to;
                } else {
                    down = to;
                }
                double y1 = s.y(Math.max(from, to));
                double y2 = s.y(Math.min(from, to));
                bars.add(Map.of("x", f(x), "y", f(y1), "w", f(bar), "h", f(Math.max(0.5, y2 - y1)), "cls", se.cssClass(),
                        "title", labels.get(i) + " · " + se.name() + ": " + point.apply(value)));
            }
        }
        Map<String, Object> chart = frame(s, labels, i -> LEFT + i * slot + slot / 2, tick);
        chart.put("bars", bars);
        return chart;
    }

    /** The axes: horizontal grid lines with their values, the zero line, and at most {@value #MAX_X_LABELS} period labels. */
    private static Map<String, Object> frame(Scale s, List<String> labels, java.util.function.IntToDoubleFunction xOf,
            Function<BigDecimal, String> tick) {
        Map<String, Object> chart = new HashMap<>();
        chart.put("viewBox", "0 0 " + WIDTH + " " + HEIGHT);
        chart.put("left", String.valueOf(LEFT));
        chart.put("right", String.valueOf(WIDTH - RIGHT));
        chart.put("tickX", String.valueOf(LEFT - 8));
        List<Map<String, Object>> ticks = new ArrayList<>();
        for (BigDecimal t = s.low; t.compareTo(s.high) <= 0; t = t.add(s.step)) {
            ticks.add(Map.of("y", f(s.y(t.doubleValue())), "label", tick.apply(t)));
        }
        chart.put("ticks", ticks);
        chart.put("zero", f(s.y(0)));
        int every = Math.max(1, (int) Math.ceil(labels.size() / (double) MAX_X_LABELS));
        List<Map<String, Object>> xs = new ArrayList<>();
        for (int i = 0; i < labels.size(); i += every) {
            xs.add(Map.of("x", f(xOf.applyAsDouble(i)), "label", labels.get(i)));
        }
        chart.put("xLabels", xs);
        chart.put("labelY", String.valueOf(HEIGHT - 8));
        return chart;
    }

    /** A vertical scale from a round low to a round high value in round steps. */
    private static final class Scale {
        final BigDecimal low;
        final BigDecimal high;
        final BigDecimal step;

        private Scale(BigDecimal low, BigDecimal high, BigDecimal step) {
            this.low = low;
            this.high = high;
            this.step = step;
        }

        static Scale of(double min, double max) {
            double span = max - min;
            BigDecimal step = span <= 0 ? BigDecimal.ONE : nice(span / 4);
            BigDecimal low = BigDecimal.valueOf(Math.floor(min / step.doubleValue())).multiply(step);
            BigDecimal high = BigDecimal.valueOf(Math.ceil(max / step.doubleValue())).multiply(step);
            if (high.compareTo(low) == 0) {
                high = low.add(step);
            }
            return new Scale(low.stripTrailingZeros(), high.stripTrailingZeros(), step);
        }

        /** @return 1, 2 or 5 times a power of ten, at least {@code raw} */
        static BigDecimal nice(double raw) {
            int exp = (int) Math.floor(Math.log10(raw));
            double f = raw / Math.pow(10, exp);
            int m = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
            return BigDecimal.valueOf(m).scaleByPowerOfTen(exp).max(new BigDecimal("0.01"));
        }

        double y(double v) {
            double lo = low.doubleValue();
            double hi = high.doubleValue();
            return TOP + (hi - v) / (hi - lo) * (HEIGHT - TOP - BOTTOM);
        }
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
