package dev.perfwarden.engine.ruletest;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Go release number such as 1.23.5, parsed from {@code go1.23.5} or {@code 1.23}. */
public record GoVersion(int major, int minor, int patch) implements Comparable<GoVersion> {
    /** At most 9 digits a part, so every part fits an {@code int} (attack4: {@code go99999999999.1.1} threw). */
    private static final Pattern V = Pattern.compile("(?:go)?(\\d{1,9})\\.(\\d{1,9})(?:\\.(\\d{1,9}))?");

    /** The version {@code s} names; empty if it names none (also when a part has more than 9 digits). */
    public static Optional<GoVersion> parse(String s) {
        Matcher m = V.matcher(s.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new GoVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
    }

    @Override
    public int compareTo(GoVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c == 0 ? Integer.compare(patch, o.patch) : c;
    }

    @Override
    public String toString() {
        return "go" + major + "." + minor + "." + patch;
    }
}
