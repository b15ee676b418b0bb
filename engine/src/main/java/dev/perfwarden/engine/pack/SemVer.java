package dev.perfwarden.engine.pack;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A semantic version {@code MAJOR.MINOR.PATCH[-pre][+build]} (semver.org 2.0.0 precedence). */
public record SemVer(int major, int minor, int patch, String pre, String build) implements Comparable<SemVer> {
    private static final Pattern P = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
                    + "(?:-((?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*))*))?"
                    + "(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");

    public SemVer {
        pre = pre == null ? "" : pre;
        build = build == null ? "" : build;
    }

    public static Optional<SemVer> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        Matcher m = P.matcher(s.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SemVer(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), m.group(4), m.group(5)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public static SemVer of(String s) {
        return parse(s).orElseThrow(() -> new IllegalArgumentException("not a semantic version: " + s));
    }

    @Override
    public int compareTo(SemVer o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Integer.compare(patch, o.patch);
        }
        if (c == 0) {
            c = comparePre(pre, o.pre);
        }
        return c;
    }

    private static int comparePre(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isEmpty()) {
            return 1;
        }
        if (b.isEmpty()) {
            return -1;
        }
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean nx = x[i].chars().allMatch(Character::isDigit);
            boolean ny = y[i].chars().allMatch(Character::isDigit);
            int c;
            if (nx && ny) {
                c = x[i].length() != y[i].length() ? Integer.compare(x[i].length(), y[i].length()) // no leading zeros: any length
                        : x[i].compareTo(y[i]);
            } else if (nx) {
                c = -1;
            } else if (ny) {
                c = 1;
            } else {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SemVer v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(major, minor, patch, pre);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (pre.isEmpty() ? "" : "-" + pre) + (build.isEmpty() ? "" : "+" + build);
    }
}
