package dev.perfwarden.facts.source;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;

import java.util.Objects;

/**
 * An {@code append} on a source line that grows a slice the code also truncates to length 0, keeping its
 * capacity: {@code E = E[:0]}, {@code E = append(E[:0], …)}, {@code L = E[:0]} (both {@code L} and {@code E}), or
 * {@code E[:0]} passed on. The slice is a reused buffer: it grows only until it first reaches its largest size.
 * Read from the Go sources ({@link ReusedSlices}) for the lines where the machine code calls
 * {@code runtime.growslice}. {@code E} is the same field, matched by name within the package's directory
 * ({@code x.f} and {@code y.f}; {@code a.b.f} and {@code c.b.f} or {@code y.f}, never {@code c.d.f}): no type is
 * checked, so a field of the same name in another type of the package matches too; or the same local variable
 * (by name) in the same function declaration, closures included.
 *
 * @param file      the append's file, relative to the module root
 * @param line      the line of the {@code append}
 * @param slice     the slice appended to, as written ({@code o.kvs})
 * @param resetFile the file of the reset cited
 * @param resetLine its line
 * @param byField   matched as a field by name in the package (else as a local variable of the same function)
 */
@FactDoc(name = "reused-slice", inputs = {"objdump", "asm-listing"},
        value = "An `append` on a line (one where the machine code calls `runtime.growslice`) that grows a slice the"
                + " Go sources also truncate to length 0, keeping its capacity (`E = E[:0]`, `E = append(E[:0], …)`,"
                + " `L = E[:0]`, or `E[:0]` passed on): a reused buffer that grows only until it first reaches its"
                + " largest size. A field is matched by name within the package's directory (no type check), a local"
                + " variable by name within the same function declaration. Read from the sources the run found.")
public record ReusedSlice(@FieldDoc("the append's file, relative to the module root") String file,
                          @FieldDoc("the line of the `append`") int line,
                          @FieldDoc("the slice appended to, as written (`o.kvs`)") String slice,
                          @FieldDoc("the file of the reset cited: the one in the same function if any, else the"
                                  + " nearest in the same file, else the first in the package") String resetFile,
                          @FieldDoc("the line of that reset") int resetLine,
                          @FieldDoc("true: a field matched by name in the package; false: a local variable of the"
                                  + " same function") boolean byField) implements Fact {
    public ReusedSlice {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(slice, "slice");
        Objects.requireNonNull(resetFile, "resetFile");
    }

    /** Where the slice is truncated, {@code FILE:LINE}. */
    public String resetAt() {
        return resetFile + ":" + resetLine;
    }
}
