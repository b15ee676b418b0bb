package dev.perfwarden.engine.pack;

import java.util.Locale;
import java.util.Optional;

/** The type of a pack parameter ({@code parameters.<name>.type} in {@code pack.yaml}). */
public enum ParamType {
    NUMBER("number"),
    STRING("string"),
    BOOLEAN("boolean");

    private final String id;

    ParamType(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<ParamType> byId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String s = id.trim().toLowerCase(Locale.ROOT);
        for (ParamType t : values()) {
            if (t.id.equals(s)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * Converts a value (from YAML or from a command-line override, where it may be a string) to this
     * type: numbers become {@link Double}, booleans {@link Boolean}, strings {@link String}.
     *
     * @throws IllegalArgumentException when the value does not fit
     */
    public Object coerce(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("a " + id + " is required, got nothing");
        }
        switch (this) {
            case NUMBER:
                if (value instanceof Number n) {
                    return finite(n.doubleValue(), value);
                }
                if (value instanceof String s) {
                    double d;
                    try {
                        d = Double.parseDouble(s.trim());
                    } catch (NumberFormatException e) {
                        break;
                    }
                    return finite(d, value);
                }
                break;
            case BOOLEAN:
                if (value instanceof Boolean b) {
                    return b;
                }
                if (value instanceof String s) {
                    String t = s.trim().toLowerCase(Locale.ROOT);
                    if (t.equals("true") || t.equals("false")) {
                        return Boolean.valueOf(t);
                    }
                }
                break;
            case STRING:
                if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                    return value.toString();
                }
                break;
            default:
                break;
        }
        throw new IllegalArgumentException("not a " + id + ": " + value);
    }

    /** NaN and the infinities compare false (or true) with everything: a threshold must be a real number. */
    private static double finite(double d, Object value) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        return d;
    }
}
