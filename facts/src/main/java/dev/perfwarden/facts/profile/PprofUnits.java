package dev.perfwarden.facts.profile;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * Value formatting the way {@code go tool pprof} prints it: values scaled to one output unit
 * ({@code 10ms}, {@code 1.20s}, {@code 512.05kB}, plain numbers for counts) and percentages with
 * at least two significant digits. Written from pprof's documented output, not its code.
 */
public final class PprofUnits {
    private PprofUnits() {
    }

    private record Unit(String name, List<String> aliases, double factor) {
    }

    private record Family(List<Unit> units, Unit fallback) {
        Unit find(String unit) {
            String u = unit.toLowerCase(Locale.ROOT);
            if (u.length() > 2 && u.endsWith("s")) {
                u = u.substring(0, u.length() - 1);
            }
            for (Unit x : units) {
                if (x.aliases.contains(u)) {
                    return x;
                }
            }
            return null;
        }

        Unit auto(double value) {
            Unit best = null;
            for (Unit x : units) {
                if (value / x.factor >= 1.0 && (best == null || x.factor >= best.factor)) {
                    best = x;
                }
            }
            return best == null ? fallback : best;
        }
    }

    private static final Unit BYTE = new Unit("B", List.of("b", "byte"), 1);
    private static final Unit SECOND = new Unit("s", List.of("s", "sec", "second"), 1e9);
    private static final List<Family> FAMILIES = List.of(
            new Family(List.of(BYTE,
                    new Unit("kB", List.of("kb", "kbyte", "kilobyte"), 1L << 10),
                    new Unit("MB", List.of("mb", "mbyte", "megabyte"), 1L << 20),
                    new Unit("GB", List.of("gb", "gbyte", "gigabyte"), 1L << 30),
                    new Unit("TB", List.of("tb", "tbyte", "terabyte"), 1L << 40),
                    new Unit("PB", List.of("pb", "pbyte", "petabyte"), 1L << 50)), BYTE),
            new Family(List.of(new Unit("ns", List.of("ns", "nanosecond"), 1),
                    new Unit("us", List.of("μs", "us", "microsecond"), 1e3),
                    new Unit("ms", List.of("ms", "millisecond"), 1e6),
                    SECOND,
                    new Unit("hrs", List.of("hour", "hr"), 3.6e12)), SECOND));

    /** The scaled value and unit name of {@code value} (in {@code from}), to {@code to} or "minimum". */
    private record Scaled(double value, String unit) {
    }

    private static Scaled scale(long value, String from, String to) {
        for (Family f : FAMILIES) {
            Unit fu = f.find(from);
            if (fu == null) {
                continue;
            }
            double v = value * fu.factor;
            Unit tu = to.equals("minimum") || to.equals("auto") ? f.auto(Math.abs(v)) : f.find(to);
            if (tu == null) {
                tu = f.fallback;
            }
            return new Scaled(v / tu.factor, tu.name);
        }
        return new Scaled(value, switch (to) {
            case "count", "sample", "unit", "minimum", "auto", "" -> "";
            default -> to;
        });
    }

    /**
     * The unit pprof picks for a table: that of the smallest nonzero value shown, moved up one
     * step when the total is over 100 times larger and in a bigger unit.
     */
    static String outputUnit(long minValue, long total, String sampleUnit) {
        long min = minValue == 0 ? total : Math.abs(minValue);
        long max = Math.abs(total);
        String minUnit = scale(min, sampleUnit, "minimum").unit;
        String maxUnit = scale(max, sampleUnit, "minimum").unit;
        String unit = minUnit;
        if (!minUnit.equals(maxUnit) && min * 100 < max) {
            unit = scale(100 * min, sampleUnit, "minimum").unit;
        }
        return unit.isEmpty() ? sampleUnit : unit;
    }

    /** {@code value} in {@code to}, two decimals, ".00" dropped, the unit appended: {@code 1.20s}, {@code 10ms}. */
    public static String label(long value, String from, String to) {
        Scaled s = scale(value, from, to);
        String v = new BigDecimal(s.value).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
        if (v.endsWith(".00")) {
            v = v.substring(0, v.length() - 3);
        }
        if (v.equals("0") || v.equals("-0")) {
            return "0";
        }
        return v + s.unit;
    }

    /** pprof's percentage column: {@code "  100%"}, {@code "68.24%"}, {@code " 0.82%"}, {@code "    0%"}. */
    public static String percentage(long value, long total) {
        double ratio = total == 0 ? 0 : Math.abs((double) value / total) * 100;
        if (ratio >= 99.95 && ratio <= 100.05) {
            return "  100%";
        }
        if (ratio >= 1.0) {
            return String.format(Locale.ROOT, "%5.2f%%", ratio);
        }
        return String.format(Locale.ROOT, "%5s%%", twoSignificant(ratio));
    }

    /** Go's {@code %.2g}: two significant digits, trailing zeros dropped, exponent form below 1e-4. */
    static String twoSignificant(double v) {
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(2, RoundingMode.HALF_EVEN));
        int exp = d.precision() - d.scale() - 1;
        if (exp < -4 || exp >= 2) {
            BigDecimal mant = d.movePointLeft(exp).stripTrailingZeros();
            return String.format(Locale.ROOT, "%se%s%02d", mant.toPlainString(), exp < 0 ? "-" : "+", Math.abs(exp));
        }
        return d.stripTrailingZeros().toPlainString();
    }
}
