package dev.perfwarden.contracts.spec;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A limit with its unit, as a contract file writes it ({@code 120ms}, {@code 15MB/min},
 * {@code 3/min}, {@code 5%}, {@code 2500}), converted to the canonical unit of its dimension:
 * durations in ms, sizes in bytes (KB/MB/GB decimal, KiB/MiB/GiB binary), sizes per time in B/min,
 * counts per time in /min, shares in %, plain counts as they are. {@code scale} is the canonical
 * amount of one written unit.
 */
public record Quantity(double value, String dimension, String unit, String written, String writtenUnit, double scale) {
    private static final Pattern FORM = Pattern.compile("^\\s*(?<num>[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)\\s*(?<unit>[^\\s0-9].*)?$");
    static final Map<String, Double> DURATIONS = Map.of("ns", 1e-6, "us", 1e-3, "µs", 1e-3, "ms", 1.0, "s", 1e3,
            "m", 60e3, "min", 60e3, "h", 3600e3);
    static final Map<String, Double> SIZES = Map.of("B", 1.0, "KB", 1e3, "MB", 1e6, "GB", 1e9, "KiB", 1024.0,
            "MiB", 1024.0 * 1024, "GiB", 1024.0 * 1024 * 1024);
    static final Map<String, Double> PER = Map.of("s", 60.0, "min", 1.0, "m", 1.0, "h", 1 / 60.0);

    /** Dimensions a limit may ask for. */
    public enum Dim {
        DURATION("a duration such as 120ms, 1.5s, 2m"),
        SIZE("a size such as 64MB, 512KiB, 2048B"),
        SIZE_RATE("a size per time such as 15MB/min, 200KB/s"),
        RATE("a count per time such as 3/min, 0.5/s"),
        PERCENT("a percentage such as 5%"),
        COUNT("a plain number such as 2500");

        final String example;

        Dim(String example) {
            this.example = example;
        }
    }

    /** Parses {@code text} as dimension {@code dim}; empty with no message when it does not fit. */
    public static Optional<Quantity> parse(String text, Dim dim) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            return Optional.empty();
        }
        double num = Double.parseDouble(m.group("num"));
        String u = m.group("unit") == null ? "" : m.group("unit").strip();
        switch (dim) {
            case DURATION: {
                Double f = DURATIONS.get(u);
                return f == null ? Optional.empty() : Optional.of(new Quantity(num * f, "duration", "ms", text, u, f));
            }
            case SIZE: {
                Double f = SIZES.get(u);
                return f == null ? Optional.empty() : Optional.of(new Quantity(num * f, "size", "B", text, u, f));
            }
            case SIZE_RATE: {
                int slash = u.indexOf('/');
                if (slash < 0) {
                    return Optional.empty();
                }
                Double f = SIZES.get(u.substring(0, slash));
                Double per = PER.get(u.substring(slash + 1));
                return f == null || per == null ? Optional.empty()
                        : Optional.of(new Quantity(num * f * per, "size-rate", "B/min", text, u, f * per));
            }
            case RATE: {
                if (!u.startsWith("/")) {
                    return Optional.empty();
                }
                Double per = PER.get(u.substring(1));
                return per == null ? Optional.empty() : Optional.of(new Quantity(num * per, "rate", "/min", text, u, per));
            }
            case PERCENT:
                return u.equals("%") ? Optional.of(new Quantity(num, "percent", "%", text, "%", 1)) : Optional.empty();
            case COUNT:
                return u.isEmpty() ? Optional.of(new Quantity(num, "count", "", text, "", 1)) : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    public static String expected(Dim dim) {
        return dim.example;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%g %s)", written, value, unit);
    }
}
