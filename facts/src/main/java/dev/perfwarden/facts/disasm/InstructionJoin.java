package dev.perfwarden.facts.disasm;

import dev.perfwarden.facts.asm.AsmBody;
import dev.perfwarden.facts.asm.Insn;

import java.util.ArrayList;
import java.util.List;

/**
 * Joins one objdump function to a profile's {@link SampledAddresses} the way
 * {@code go tool pprof -disasm} does ({@code annotateAssembly} in google/pprof's report package): a
 * sample counts at the instruction whose range {@code [address, next address)} holds its address, so
 * a sampled PC in the middle of an instruction still lands on it. The function spans
 * {@code [first address, last address + last length - 1)}: pprof takes a symbol's end as
 * {@code start + size - 1} and disassembles below it, so a one-byte last instruction is not listed.
 */
public final class InstructionJoin {
    /**
     * One listed instruction.
     *
     * @param node the first sampled node inside the instruction (for its function and frames), or -1
     */
    public record Row(Insn insn, String text, long flat, long cum, long flatCount, int node) {
        public boolean sampled() {
            return node >= 0;
        }
    }

    private InstructionJoin() {
    }

    /** The function's end as pprof takes it (exclusive): {@code start + size - 1}. */
    static long end(AsmBody body) {
        Insn last = body.insns.get(body.insns.size() - 1);
        return last.address + Math.max(1, body.lastLength) - 1;
    }

    /** Whether any sampled address lies in the function. */
    public static boolean sampled(AsmBody body, SampledAddresses samples) {
        if (body.insns.isEmpty()) {
            return false;
        }
        int k = samples.firstAtOrAbove(body.insns.get(0).address);
        return k < samples.size() && Long.compareUnsigned(samples.address(k), end(body)) < 0;
    }

    /** Every listed instruction of the function with its samples (empty rows included). */
    public static List<Row> rows(AsmBody body, SampledAddresses samples) {
        List<Row> rows = new ArrayList<>(body.insns.size());
        if (body.insns.isEmpty()) {
            return rows;
        }
        long end = end(body);
        int k = samples.firstAtOrAbove(body.insns.get(0).address);
        for (int i = 0; i < body.insns.size(); i++) {
            Insn in = body.insns.get(i);
            if (Long.compareUnsigned(in.address, end) >= 0) {
                break;
            }
            long next = i + 1 < body.insns.size() ? body.insns.get(i + 1).address : end;
            long flat = 0;
            long cum = 0;
            long count = 0;
            int first = -1;
            for (; k < samples.size() && Long.compareUnsigned(samples.address(k), next) < 0; k++) {
                flat += samples.flat(k);
                cum += samples.cum(k);
                count += samples.flatCount(k);
                if (first < 0) {
                    first = k;
                }
            }
            rows.add(new Row(in, text(in), flat, cum, count, first));
        }
        return rows;
    }

    /** The instruction as objdump prints it. */
    static String text(Insn in) {
        return in.args.isEmpty() ? in.op : in.op + " " + in.args;
    }
}
