package dev.perfwarden.facts.disasm;

import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Located;

import java.util.List;
import java.util.Objects;

/**
 * One machine instruction of the profiled binary with the CPU profile's samples at it: the profile's
 * sample addresses joined to {@code go tool objdump} of the same binary, as {@code go tool pprof -disasm}
 * joins them (a sample counts at the instruction whose address range holds it). Emitted for every
 * instruction with a nonzero flat or cum value, for the profile's CPU time ({@code sampleType} {@code cpu}).
 *
 * <p>{@code flat}: samples whose leaf (innermost) frame is at this instruction: the instruction itself
 * (or the one just before it: a sampled PC is often the instruction after the slow one);
 * {@code cum}: samples with the instruction anywhere on the stack, counted once per sample; on a
 * {@code CALL} that is the time spent in what the call reached.
 *
 * @param symbol      the objdump {@code TEXT} symbol holding the instruction (the outermost function for inlined code)
 * @param file        the instruction's file as objdump gives it (the header's path when the base names agree,
 *                    else the base name: code inlined from another file)
 * @param line        the instruction's line (the inlined callee's line for inlined code)
 * @param col         always 0
 * @param address     the instruction's address
 * @param text        the instruction as objdump prints it ({@code CALL CX}, {@code CMPQ BX, R8})
 * @param op          its opcode ({@code CALL}, {@code CMPQ})
 * @param sampleType  {@code cpu}
 * @param unit        the sample type's unit ({@code nanoseconds})
 * @param flat        flat value in {@code unit}
 * @param flatShare   flat as a share of the profile's total
 * @param cum         cum value in {@code unit}
 * @param cumShare    cum as a share of the profile's total
 * @param flatSamples flat as a number of samples ({@code samples/count}); equals {@code flat} when the profile has no count type
 * @param frames      the profile's frames at the instruction, innermost (an inlined callee) first, each
 *                    {@code function file:line}; one frame when nothing is inlined there
 * @param callees     what the samples below the instruction called, each {@code function file:line} (the outermost frame
 *                    of the next location inward: its function, base file name and the line where the function is
 *                    declared, which names a function literal whatever name inlining gave its copies), the largest cum first: on a {@code CALL}, the
 *                    functions it reached (for a call through a func value or an interface, the ones it dispatched
 *                    to, as {@code go tool pprof -peek} lists a caller's callees); empty where no sample went deeper
 * @param reached     the same callees, in the same order, each with its value and its share of what went below the
 *                    instruction ({@link ReachedCallee}): on an indirect {@code CALL}, whether one target dominates
 * @param binary      the objdump input the instruction was read from, as its evidence names it ({@code objdump-4.txt}):
 *                    which binary the address is of. A module's test binaries share addresses (scan objdumps one per
 *                    package), so an address names an instruction only together with its binary: a rule joining a
 *                    machine-code fact ({@code IndirectCall}, {@code EntryExit}, …) to this one by address joins on
 *                    {@code binary == evidence.at.input} of that fact too; "" when not known
 * @param benchmarks  the samples at the instruction by the benchmark that ran them ({@link BenchmarkSamples}: a
 *                    {@code go test -bench} profile merges its binary's benchmarks, so a site that is a third of one
 *                    benchmark is a small share of the profile; cum without the samples of preemption), the most
 *                    flat samples first; each with that
 *                    benchmark's timed samples; empty when no benchmark ran them (or none is known)
 */
@FactDoc(name = "hot-instruction", inputs = {"pprof", "objdump"},
        value = "One machine instruction with the CPU samples at it: a CPU profile's addresses joined to objdump of the same binary, as `go tool pprof -disasm` counts them.")
public record HotInstruction(
                             @FieldDoc("the objdump symbol holding the instruction (the outermost function for inlined code)") String symbol, String file, int line, int col,
                             @FieldDoc("the instruction's address") long address,
                             @FieldDoc("the instruction as objdump prints it (`CALL CX`)") String text,
                             @FieldDoc("its opcode (`CALL`, `CMPQ`)") String op,
                             @FieldDoc("`cpu` (joined for the CPU time of CPU profiles only)") String sampleType, String unit,
                             @FieldDoc("CPU time whose leaf frame is at the instruction (often the one after the slow instruction)") long flat,
                             @FieldDoc("flat as a share of the profile's total") double flatShare,
                             @FieldDoc("CPU time with the instruction anywhere on the stack (on a CALL: what the call reached)") long cum,
                             @FieldDoc("cum as a share of the total") double cumShare,
                             @FieldDoc("flat as a number of samples") long flatSamples,
                             @FieldDoc("the profile's frames at the address, innermost first (`pkg.square hot.go:28`); more than one where code is inlined") List<String> frames,
                             @FieldDoc("what the samples below it called, `function file:line` (the line declaring the function), the largest cum first (on a `CALL`: the functions it reached, e.g. `example.com/m.byKey.func1 m.go:12`); empty where no sample went deeper") List<String> callees,
                             @FieldDoc("the callees in the same order, each with its value and share of the samples below the instruction (`ReachedCallee`: `function`, `file`, `line` declaring it, `value`, `share`): on a CALL through an interface or func value, how the samples split over its targets") List<ReachedCallee> reached,
                             @FieldDoc("the objdump input the instruction was read from (`objdump-4.txt`): the binary its address is of; a machine-code fact meets it only where `binary == evidence.at.input` of that fact; \"\" when not known") String binary,
                             @FieldDoc("the samples at it by the benchmark that ran them (`benchmark` BenchmarkSet, its `flat` and `cum` samples here, cum without preemption as a line's, the benchmark's `total` timed samples), the most flat first; empty when no benchmark ran them") List<BenchmarkSamples> benchmarks,
                             Evidence evidence) implements Located {
    /** An instruction whose callees are not known. */
    public HotInstruction(String symbol, String file, int line, int col, long address, String text, String op,
                          String sampleType, String unit, long flat, double flatShare, long cum, double cumShare,
                          long flatSamples, List<String> frames, Evidence evidence) {
        this(symbol, file, line, col, address, text, op, sampleType, unit, flat, flatShare, cum, cumShare, flatSamples,
                frames, List.of(), evidence);
    }

    /**
     * An instruction of the binary its evidence's input names ({@link #binaryOf}), whose samples below it reached
     * {@code reached} (the largest value first); {@link #callees()} lists their {@code callee}s.
     */
    public HotInstruction(String symbol, String file, int line, int col, long address, String text, String op,
                          String sampleType, String unit, long flat, double flatShare, long cum, double cumShare,
                          long flatSamples, List<String> frames, List<ReachedCallee> reached, Evidence evidence) {
        this(symbol, file, line, col, address, text, op, sampleType, unit, flat, flatShare, cum, cumShare, flatSamples,
                frames, reached.stream().map(ReachedCallee::callee).toList(), reached, binaryOf(evidence), List.of(),
                evidence);
    }

    /**
     * The binary a machine-code fact's address is of: the objdump input its evidence is positioned in
     * ({@code objdump-4.txt}); "" when its evidence has no position.
     */
    public static String binaryOf(Evidence evidence) {
        return evidence == null || evidence.at() == null ? "" : evidence.at().input();
    }

    public HotInstruction {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(sampleType, "sampleType");
        Objects.requireNonNull(unit, "unit");
        frames = List.copyOf(frames);
        callees = List.copyOf(callees);
        reached = List.copyOf(reached);
        binary = binary == null ? "" : binary;
        benchmarks = benchmarks == null ? List.of() : List.copyOf(benchmarks);
        Objects.requireNonNull(evidence, "evidence");
    }

    /** Whether the profile saw an inlined callee's code at this instruction. */
    public boolean inlined() {
        return frames.size() > 1;
    }
}
