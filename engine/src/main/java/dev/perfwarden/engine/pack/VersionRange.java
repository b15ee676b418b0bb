package dev.perfwarden.engine.pack;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A version range as packs write it (npm-like, the subset packs need): space-separated comparators
 * that must all hold ({@code >=0.1.0 <1.0.0}), {@code ||} between alternatives, caret ({@code ^1.2.0},
 * {@code ^1.2}), tilde ({@code ~1.2.3}), x-ranges ({@code 1.x}, {@code 1.2.*}, {@code *}) and exact
 * versions ({@code 1.2.3}, {@code =1.2.3}). Partial versions in comparators are filled with zeros.
 */
public final class VersionRange implements java.io.Serializable {
    private final String text;
    private final transient List<List<Predicate<SemVer>>> alternatives;

    private VersionRange(String text, List<List<Predicate<SemVer>>> alternatives) {
        this.text = text;
        this.alternatives = alternatives;
    }

    public static VersionRange any() {
        return new VersionRange("*", List.of(List.of()));
    }

    public static Optional<VersionRange> parse(String s) {
        if (s == null || s.isBlank()) {
            return Optional.empty();
        }
        List<List<Predicate<SemVer>>> alts = new ArrayList<>();
        for (String alt : s.split("\\|\\|")) {
            List<Predicate<SemVer>> all = new ArrayList<>();
            String[] tokens = alt.trim().replaceAll("(>=|<=|>|<|=|\\^|~)\\s+", "$1").split("\\s+");
            for (String t : tokens) {
                if (t.isEmpty()) {
                    continue;
                }
                Predicate<SemVer> p = comparator(t);
                if (p == null) {
                    return Optional.empty();
                }
                all.add(p);
            }
            if (all.isEmpty() && !alt.isBlank()) {
                return Optional.empty();
            }
            alts.add(all);
        }
        return Optional.of(new VersionRange(s.trim(), alts));
    }

    public boolean contains(SemVer v) {
        for (List<Predicate<SemVer>> all : alternatives) {
            if (all.stream().allMatch(p -> p.test(v))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }

    /** Serialized as its text (prebuilt pack images); the comparators are parsed again. */
    private Object readResolve() {
        return text.equals("*") ? any() : parse(text).orElseThrow();
    }

    private static Predicate<SemVer> comparator(String t) {
        String op;
        if (t.startsWith(">=") || t.startsWith("<=")) {
            op = t.substring(0, 2);
        } else if (t.startsWith(">") || t.startsWith("<") || t.startsWith("=") || t.startsWith("^") || t.startsWith("~")) {
            op = t.substring(0, 1);
        } else {
            op = "";
        }
        String v = t.substring(op.length());
        int[] parts = new int[3];
        int given = partial(v, parts);
        if (given < 0) {
            return null;
        }
        if (given == 3 && op.isEmpty() || given == 3 && op.equals("=")) {
            SemVer exact = SemVer.parse(v).orElse(null);
            return exact == null ? null : x -> x.compareTo(exact) == 0;
        }
        SemVer base = SemVer.parse(v).orElse(new SemVer(parts[0], parts[1], parts[2], "", ""));
        switch (op) {
            case ">=":
                return x -> x.compareTo(base) >= 0;
            case ">":
                if (given < 3) {
                    SemVer next = bump(parts, given);
                    return x -> x.compareTo(next) >= 0;
                }
                return x -> x.compareTo(base) > 0;
            case "<=":
                if (given < 3) {
                    SemVer next = bump(parts, given);
                    return x -> x.compareTo(next) < 0;
                }
                return x -> x.compareTo(base) <= 0;
            case "<":
                return x -> x.compareTo(base) < 0;
            case "^": {
                SemVer upper = caretUpper(parts, given);
                return x -> x.compareTo(base) >= 0 && x.compareTo(upper) < 0;
            }
            case "~": {
                SemVer upper = bump(parts, given); // ~1 is <2.0.0, ~1.2 and ~1.2.3 are <1.3.0
                return x -> x.compareTo(base) >= 0 && x.compareTo(upper) < 0;
            }
            default: {
                // "", "=" with a partial version: an x-range
                if (given == 0) {
                    return x -> true;
                }
                SemVer upper = bump(parts, given);
                return x -> x.compareTo(base) >= 0 && x.compareTo(upper) < 0;
            }
        }
    }

    /** The first version {@code ^V} excludes: the next of V's left-most non-zero part (of those given). */
    private static SemVer caretUpper(int[] parts, int given) {
        if (parts[0] > 0 || given == 1) {
            return new SemVer(parts[0] + 1, 0, 0, "", "");
        }
        if (parts[1] > 0 || given == 2) {
            return new SemVer(0, parts[1] + 1, 0, "", "");
        }
        return new SemVer(0, 0, parts[2] + 1, "", "");
    }

    /** The first version past {@code 1} ({@code given == 1}: 2.0.0) or {@code 1.2} (otherwise: 1.3.0). */
    private static SemVer bump(int[] parts, int given) {
        return given == 1 ? new SemVer(parts[0] + 1, 0, 0, "", "") : new SemVer(parts[0], parts[1] + 1, 0, "", "");
    }

    /** Reads {@code 1}, {@code 1.2}, {@code 1.2.3[-pre]}, with {@code x}/{@code X}/{@code *} wildcards; returns the count of numbers given, -1 if bad. */
    private static int partial(String v, int[] parts) {
        if (v.isEmpty()) {
            return -1;
        }
        String core = v.split("[-+]", 2)[0];
        String[] p = core.split("\\.");
        if (p.length > 3) {
            return -1;
        }
        int given = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i].equals("x") || p[i].equals("X") || p[i].equals("*")) {
                break;
            }
            if (!p[i].matches("0|[1-9]\\d{0,8}")) { // at most 9 digits: an int (attack4: 20 digits threw)
                return -1;
            }
            parts[i] = Integer.parseInt(p[i]);
            given++;
        }
        if (given == 3 && SemVer.parse(v).isEmpty()) {
            return -1;
        }
        return given;
    }
}
