package dev.perfwarden.engine.restrict;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Run-time limits of one rule session, for every pack, trusted or not: wall time, rule firings, facts the
 * rules insert, and heap headroom (the session stops when less than this much heap is left). Breaking one
 * stops the session with a {@link SessionLimitException} naming the pack and the rule that was running
 * (exit 2). Set in {@code .perfwarden.yaml} under {@code limits:} and with {@code --limit NAME=VALUE};
 * see {@code docs/packs.md}.
 *
 * @param time         wall time of the whole session (inserting the facts and firing the rules)
 * @param firings      rule firings
 * @param facts        facts inserted by rule consequences (findings included)
 * @param heapHeadroom bytes of heap that must stay free
 */
public record SessionLimits(Duration time, long firings, long facts, long heapHeadroom) {
    /** Names as written in the project file and with {@code --limit}. */
    public static final String TIME = "time";
    public static final String FIRINGS = "firings";
    public static final String FACTS = "facts";
    public static final String HEAP_HEADROOM = "heapHeadroom";

    private static final SessionLimits DEFAULTS = new SessionLimits(Duration.ofSeconds(120), 5_000_000, 2_000_000,
            64L << 20);

    public SessionLimits {
        if (time == null || time.isNegative() || time.isZero()) {
            throw new IllegalArgumentException("limit time must be positive");
        }
        if (firings <= 0 || facts <= 0 || heapHeadroom < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /**
     * Written out rather than the record's own: that one is linked through method handles at its first call, which
     * spins some 8 classes (about 6 ms of a start), and every start compares limits ({@code RuleSet.withLimits}).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof SessionLimits l && time.equals(l.time) && firings == l.firings && facts == l.facts
                && heapHeadroom == l.heapHeadroom;
    }

    @Override
    public int hashCode() {
        return ((time.hashCode() * 31 + Long.hashCode(firings)) * 31 + Long.hashCode(facts)) * 31
                + Long.hashCode(heapHeadroom);
    }

    /** 120 s, 5,000,000 firings, 2,000,000 inserted facts, 64 MiB heap headroom. */
    public static SessionLimits defaults() {
        return DEFAULTS;
    }

    /** These limits with {@code name} set from {@code value} ({@code 30s}, {@code 2m}, {@code 500ms}; counts; {@code 256MiB}). */
    public SessionLimits with(String name, Object value) {
        String v = String.valueOf(value).strip();
        try {
            return switch (name) {
                case TIME -> new SessionLimits(duration(v), firings, facts, heapHeadroom);
                case FIRINGS -> new SessionLimits(time, count(v), facts, heapHeadroom);
                case FACTS -> new SessionLimits(time, firings, count(v), heapHeadroom);
                case HEAP_HEADROOM -> new SessionLimits(time, firings, facts, bytes(v));
                default -> throw new IllegalArgumentException("unknown limit '" + name + "' (known: " + TIME + ", "
                        + FIRINGS + ", " + FACTS + ", " + HEAP_HEADROOM + ")");
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("limit " + name + ": '" + v + "' is not a valid value", e);
        }
    }

    /** These limits with every entry of {@code values} applied in order. */
    public SessionLimits with(Map<String, ?> values) {
        SessionLimits l = this;
        for (Map.Entry<String, ?> e : values.entrySet()) {
            l = l.with(e.getKey(), e.getValue());
        }
        return l;
    }

    /** The limits as the project file writes them. */
    public Map<String, String> describe() {
        Map<String, String> m = new TreeMap<>();
        m.put(TIME, time.toMillis() % 1000 == 0 ? time.toSeconds() + "s" : time.toMillis() + "ms");
        m.put(FIRINGS, Long.toString(firings));
        m.put(FACTS, Long.toString(facts));
        m.put(HEAP_HEADROOM, (heapHeadroom >> 20) + "MiB");
        return m;
    }

    private static Duration duration(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        if (s.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).strip()));
        }
        if (s.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1).strip()) * 1000));
        }
        if (s.endsWith("m")) {
            return Duration.ofSeconds(Math.round(Double.parseDouble(s.substring(0, s.length() - 1).strip()) * 60));
        }
        throw new NumberFormatException("a duration needs a unit: ms, s or m");
    }

    private static long count(String v) {
        double d = Double.parseDouble(v.replace("_", ""));
        if (d != Math.rint(d) || d > Long.MAX_VALUE) {
            throw new NumberFormatException("not a whole number");
        }
        return (long) d;
    }

    private static long bytes(String v) {
        String s = v.replace("_", "");
        long unit = 1;
        for (Map.Entry<String, Long> u : Map.of("KiB", 1L << 10, "MiB", 1L << 20, "GiB", 1L << 30).entrySet()) {
            if (s.endsWith(u.getKey())) {
                unit = u.getValue();
                s = s.substring(0, s.length() - 3).strip();
            }
        }
        return Math.multiplyExact(Long.parseLong(s), unit);
    }
}
