package dev.perfwarden.facts.core;

import java.util.Comparator;
import java.util.Objects;

/**
 * A position in Go source. {@code file} is relative to the module root when that is known
 * (never with a leading {@code ./}); {@code line} is 1-based; {@code col} is the 1-based byte
 * column, or 0 when the input gives none (objdump and pprof only know lines).
 */
public record SourcePos(String file, int line, int col) implements Comparable<SourcePos> {
    public static final SourcePos UNKNOWN = new SourcePos("", 0, 0);

    /**
     * By file, line, column (as {@code Comparator.comparing(SourcePos::file).thenComparingInt(SourcePos::line)
     * .thenComparingInt(SourcePos::col)}, written out: those lambdas and Comparator's own were linked at this class's
     * initialisation, which every parse of a flow note pays in a cold JVM).
     */
    public static final Comparator<SourcePos> ORDER = new Order();

    private static final class Order implements Comparator<SourcePos> {
        @Override
        public int compare(SourcePos a, SourcePos b) {
            int c = a.file.compareTo(b.file);
            if (c != 0) {
                return c;
            }
            c = Integer.compare(a.line, b.line);
            return c != 0 ? c : Integer.compare(a.col, b.col);
        }
    }

    public SourcePos {
        Objects.requireNonNull(file, "file");
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0 (0 = unknown): " + line);
        }
        if (col < 0) {
            throw new IllegalArgumentException("col must be >= 0 (0 = unknown): " + col);
        }
    }

    public static SourcePos of(String file, int line, int col) {
        return new SourcePos(file, line, col);
    }

    public boolean known() {
        return line > 0;
    }

    /** {@code file:line:col} (or {@code file:line} when the column is unknown), compiler style. */
    public String format() {
        return col > 0 ? file + ":" + line + ":" + col : file + ":" + line;
    }

    @Override
    public int compareTo(SourcePos o) {
        return ORDER.compare(this, o);
    }

    /*
     * equals, hashCode and toString written out, with the values the record's own give (hash: 31 * h + component,
     * from 0; "Name[a=1, b=2]"): the record's own are linked through method handles at their first call, about 8
     * spun classes and 1 ms a record in a cold JVM, and a start of analyze calls them on this record and on
     * InputPos, Evidence, FlowNote, FlowStep and BuildConstraints (RecordMethodsTest).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof SourcePos p && line == p.line && col == p.col && file.equals(p.file);
    }

    @Override
    public int hashCode() {
        return (file.hashCode() * 31 + line) * 31 + col;
    }

    @Override
    public String toString() {
        return "SourcePos[file=" + file + ", line=" + line + ", col=" + col + "]";
    }
}
