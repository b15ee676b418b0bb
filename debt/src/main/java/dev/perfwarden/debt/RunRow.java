package dev.perfwarden.debt;

/** A recorded run as listed: its id (in recording order), where and when, and how many findings it has. */
public record RunRow(long id, RunInfo info, String toolVersion, int findings) {
}
