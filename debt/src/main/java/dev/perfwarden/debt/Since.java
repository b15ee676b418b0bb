package dev.perfwarden.debt;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What {@code --since} compares the latest run of each service with: the last run recorded before a date,
 * the last run of a commit, or (without {@code --since}) the run before the latest one.
 *
 * @param date   the instant runs must be older than, or null
 * @param commit a commit SHA prefix (4 to 40 hex digits, lower case), or null
 */
public record Since(String text, Instant date, String commit) {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(?:[T ].*)?");
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{4,40}");

    /** Without {@code --since}: the previous run. */
    public static final Since PREVIOUS = new Since("the previous run", null, null);

    /** {@code 2026-12-01} (UTC midnight), an ISO date-time with offset, or a commit SHA prefix. */
    public static Since parse(String text) {
        if (text == null || text.isBlank()) {
            return PREVIOUS;
        }
        String t = text.strip();
        if (DATE.matcher(t).matches()) {
            try {
                Instant at = t.length() == 10 ? LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : OffsetDateTime.parse(t.replace(' ', 'T')).toInstant();
                return new Since(t, at, null);
            } catch (DateTimeParseException e) {
                throw new DebtException("--since " + t + ": not a date (expected 2026-12-01 or 2026-12-01T09:00:00Z)");
            }
        }
        if (SHA.matcher(t).matches()) {
            return new Since(t, null, t.toLowerCase(Locale.ROOT));
        }
        throw new DebtException("--since " + t + ": expected a date (2026-12-01, 2026-12-01T09:00:00Z) or a commit SHA "
                + "(4 to 40 hex digits)");
    }

    /** The run {@code head} (the latest of {@code runs}, oldest first) is compared with, or null: everything is new. */
    RunRow baseline(List<RunRow> runs, RunRow head) {
        RunRow found = null;
        for (RunRow r : runs) {
            if (r == head) {
                break;
            }
            boolean fits = date != null ? r.info().time().isBefore(date)
                    : commit == null || r.info().commit().toLowerCase(Locale.ROOT).startsWith(commit);
            if (fits) {
                found = r;
            }
        }
        return found;
    }
}
