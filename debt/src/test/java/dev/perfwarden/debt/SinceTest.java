package dev.perfwarden.debt;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SinceTest {
    @Test
    void datesCommitsAndNothing() {
        assertThat(Since.parse("2026-12-01").date()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(Since.parse("2026-12-01T09:30:00+01:00").date()).isEqualTo(Instant.parse("2026-12-01T08:30:00Z"));
        assertThat(Since.parse("ABCDEF12").commit()).isEqualTo("abcdef12");
        assertThat(Since.parse(null)).isSameAs(Since.PREVIOUS);
        assertThatThrownBy(() -> Since.parse("last week")).isInstanceOf(DebtException.class)
                .hasMessage("--since last week: expected a date (2026-12-01, 2026-12-01T09:00:00Z) or a commit SHA "
                        + "(4 to 40 hex digits)");
        assertThatThrownBy(() -> Since.parse("2026-13-45")).isInstanceOf(DebtException.class)
                .hasMessageStartingWith("--since 2026-13-45: not a date");
    }
}
