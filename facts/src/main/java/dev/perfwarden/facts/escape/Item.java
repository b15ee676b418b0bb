package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.parse.CompilerLine;

import java.util.ArrayList;
import java.util.List;

/** What a {@code # pkg} section holds until it is resolved: one decoded line. */
abstract class Item {
    final long lineNo;
    final String raw;
    final String file;
    final int line;
    final int col;
    /** Two 64-bit hashes of the line's UTF-8 bytes, for {@link RepeatedSections} (set by {@link EscapeSection}). */
    long rawHigh;
    long rawLow;

    Item(CompilerLine l) {
        this.lineNo = l.number();
        this.raw = l.raw();
        this.file = l.file();
        this.line = l.line();
        this.col = l.col();
    }

    /** Builds a fact once the section's naming is known. */
    @FunctionalInterface
    interface Builder {
        Fact build(SectionNaming naming, Evidence evidence);
    }

    /** An escape summary line ({@code moved to heap}, {@code escapes}, {@code leaking param…}). */
    static final class Summary extends Item {
        final String kind;
        final String subject;
        final String result;
        final int level;
        final EscapeSection.SiteKey key;
        List<Block> blocks;

        Summary(CompilerLine l, String kind, String subject, String result, int level, EscapeSection.SiteKey key) {
            super(l);
            this.kind = kind;
            this.subject = subject;
            this.result = result;
            this.level = level;
            this.key = key;
        }
    }

    /** An -m=2 explanation block: header plus its flow steps. */
    static final class Block extends Item {
        final boolean leak;
        final String subject;
        final String dst;
        final int derefs;
        final String fn;
        /** The header's position as printed: the block's flow lines repeat it. */
        final String prefix;
        final EscapeSection.SiteKey key;
        final List<Step> steps = new ArrayList<>(2);
        boolean claimed;

        Block(CompilerLine l, boolean leak, String subject, String dst, int derefs, String fn,
              EscapeSection.SiteKey key) {
            super(l);
            this.leak = leak;
            this.subject = subject;
            this.dst = dst;
            this.derefs = derefs;
            this.fn = fn;
            this.prefix = l.position();
            this.key = key;
        }
    }

    /** One {@code flow:} line of a block with its {@code from … at POS} notes. */
    static final class Step {
        final String dst;
        final String ops;
        final String src;
        final List<FlowNote> notes = new ArrayList<>(2);
        /** Two 64-bit hashes of every string of the step and of its notes, for {@link RepeatedSections}. */
        long keyHigh;
        long keyLow;

        Step(String dst, String ops, String src) {
            this.dst = dst;
            this.ops = ops;
            this.src = src;
        }
    }

    /** Any other recognised line: built into a fact once the section's naming is known. */
    static final class Simple extends Item {
        final Builder builder;

        Simple(CompilerLine l, Builder builder) {
            super(l);
            this.builder = builder;
        }
    }

    /** A line no form decodes: unparsed, its reason decided when the section ends. */
    static final class Unknown extends Item {
        final boolean continuation;

        Unknown(long lineNo, String raw, boolean continuation) {
            super(new CompilerLine(lineNo, raw, "", 0, 0, "", raw));
            this.continuation = continuation;
        }
    }
}
