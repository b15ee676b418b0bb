package dev.perfwarden.facts.prom;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputPos;

/**
 * One scrape file: when it was taken ({@code # scraped-at: 2026-12-06T10:20:00.123Z} as its first
 * comment, epoch ms; -1 when the file does not say), how many samples and families it holds.
 */
public record PromScrape(String input, long scrapedAtMs, int samples, int families, InputPos at) implements Fact {
}
