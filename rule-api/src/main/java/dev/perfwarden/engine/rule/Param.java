package dev.perfwarden.engine.rule;

import java.util.Objects;

/**
 * A pack parameter as a fact: the engine inserts one per parameter of every pack (declared default or
 * the run's override), plus the engine's hotness thresholds {@code hot.function.cumShare} and
 * {@code hot.line.flatShare} for every pack that does not declare them. In DRL:
 * <pre>{@code Param(pack == "go-perf", name == "closure.capture.minWidth", $min : number)}</pre>
 *
 * @param pack   pack id
 * @param name   parameter name
 * @param value  {@link Double}, {@link String} or {@link Boolean}
 * @param number the value as a double; NaN for non-numbers
 * @param text   the value as a string ({@code 0.02}, {@code true}, ...)
 */
public record Param(String pack, String name, Object value, double number, String text) {
    public Param {
        Objects.requireNonNull(pack, "pack");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    public static Param of(String pack, String name, Object value) {
        double n = value instanceof Number num ? num.doubleValue() : Double.NaN;
        String text;
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            text = Long.toString(d.longValue());
        } else {
            text = value.toString();
        }
        return new Param(pack, name, value instanceof Number num ? (Object) num.doubleValue() : value, n, text);
    }
}
