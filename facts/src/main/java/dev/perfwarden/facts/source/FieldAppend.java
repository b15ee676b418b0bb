package dev.perfwarden.facts.source;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;

import java.util.Objects;

/**
 * A statement {@code E = append(E, …)} whose slice {@code E} is a selector ({@code x.f}, {@code x.a.f},
 * {@code pkg.V}): the same chain of names, as written, on both sides. Read from the Go sources
 * ({@link FieldAppends}) on the lines where a loop of the machine code calls {@code runtime.growslice}. The
 * slice header lives in memory (behind {@code x}, or a package variable), not in a local variable the compiler
 * can keep in registers; whether the machine code really loads and stores it on every iteration is for the
 * machine code to say ({@code AppendInstruction}).
 *
 * @param file   the statement's file, relative to the module root
 * @param line   the line of its {@code append}
 * @param col    the byte column of the statement's first token (E on the left)
 * @param slice  E as written ({@code stream.buf})
 * @param values how many values are appended (the arguments after E)
 * @param spread the last argument is spread ({@code append(E, b...)}: a whole slice or string per call)
 */
@FactDoc(name = "field-append", inputs = {"objdump", "asm-listing"},
        value = "A statement `E = append(E, …)` whose slice E is a selector (`x.f`, `x.a.f`), the same names on"
                + " both sides, on a line where a loop of the machine code calls `runtime.growslice`: the slice"
                + " header is in memory, not in a local variable. Read from the sources the run found.")
public record FieldAppend(@FieldDoc("the statement's file, relative to the module root") String file,
                          @FieldDoc("the line of its `append`") int line,
                          @FieldDoc("the byte column of the statement's first token") int col,
                          @FieldDoc("E as written (`stream.buf`)") String slice,
                          @FieldDoc("how many values are appended (the arguments after E)") int values,
                          @FieldDoc("the last argument is spread (`append(E, b...)`)") boolean spread)
        implements Fact {
    public FieldAppend {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(slice, "slice");
    }
}
