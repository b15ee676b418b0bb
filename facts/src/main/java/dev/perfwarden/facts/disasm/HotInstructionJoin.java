package dev.perfwarden.facts.disasm;

import dev.perfwarden.facts.asm.AsmBody;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.InputPos;
import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.objdump.ObjdumpParser;
import dev.perfwarden.facts.profile.PprofUnits;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Makes {@link HotInstruction} facts from a CPU profile and objdump text of the binary it was taken
 * from: every instruction of a sampled function with a nonzero flat or cum CPU value, counted as
 * {@code go tool pprof -disasm} counts it ({@link InstructionJoin}).
 *
 * <p><b>Same binary?</b> objdump text carries no build ID, so the join checks what it can see: every
 * sampled address of a function that objdump lists (by name: the outermost frame of the profile's
 * location) must lie inside that function's instructions there. When more sampled addresses lie
 * outside than inside in an objdump text, the profile was taken from another binary (the usual capture layout: objdump of the
 * {@code go build} binary, the profile of the {@code go test} binary) and nothing is joined; the
 * {@link Result#note()} says so with an example. {@code perfwarden hot --disasm --binary BIN} checks the
 * build IDs themselves. Before that check, scan's numbering of its files ({@link ScanNumbering}: {@code bin4.test},
 * {@code cpu-4.pprof}, {@code objdump-4.txt}) pairs a profile with the objdump text of its own binary only: the
 * test binaries of one module share many addresses, and the address check alone let a profile's samples land on
 * another binary's code (review4: a sample of WriteInt64's RET in bin4 counted at ToFloat64 in bin10). Inputs named
 * otherwise (one profile and one objdump text given by hand) are joined by the address check alone.
 */
public final class HotInstructionJoin {
    /** An input file and the name reports give it. */
    public record Input(Path path, String display) {
    }

    /** The facts, and a note for the profile's input when the join was refused (else null). */
    public record Result(List<HotInstruction> facts, String note) {
    }

    private HotInstructionJoin() {
    }

    /** Joins {@code profile} (its {@code cpu} sample type) to each objdump text. A profile without CPU time joins nothing. */
    public static Result join(Input profile, List<Input> objdumps) throws IOException, ParseException {
        Profile p = profile(profile);
        if (p == null) {
            return new Result(List.of(), null);
        }
        List<Part> parts = new ArrayList<>();
        for (Input objdump : objdumps) {
            Part part = p.part(objdump.display());
            if (part != null) {
                ObjdumpParser.readFunctions(objdump.path(), objdump.display(), part::function);
            }
            parts.add(part);
        }
        return p.finish(parts);
    }

    /**
     * The CPU samples of {@code profile}, ready to be joined to objdump text while it is parsed (no second
     * read of the objdump: {@link Profile#part}); null when the profile has no CPU time (a heap, mutex or
     * block profile) or no sample.
     */
    public static Profile profile(Input profile) throws IOException, ParseException {
        return profile(profile, dev.perfwarden.facts.profile.UntimedLines.NONE);
    }

    /** As {@link #profile(Input)}, leaving out the samples of benchmarks' {@code untimed} lines. */
    public static Profile profile(Input profile, dev.perfwarden.facts.profile.UntimedLines untimed)
            throws IOException, ParseException {
        SampledAddresses samples;
        try {
            samples = SampledAddresses.read(profile.path(), profile.display(), "cpu", untimed);
        } catch (IllegalArgumentException e) {
            return null; // no cpu sample type
        }
        return samples.size() == 0 ? null : new Profile(samples);
    }

    /** One CPU profile's samples, joined to any number of objdump texts, each in its own {@link Part}. */
    public static final class Profile {
        private final SampledAddresses samples;
        /** The profile's binary by scan's numbering ({@link ScanNumbering}); -1 when its names do not tell. */
        private final int number;

        private Profile(SampledAddresses samples) {
            this.samples = samples;
            this.number = ScanNumbering.ofProfile(samples.binary(), samples.display());
        }

        /**
         * A join to the objdump text {@code display}: hand it every function as it is parsed. Parts are independent (one
         * per thread). Null when scan's numbering says the text is of another binary ({@code objdump-7.txt} for
         * {@code cpu-4.pprof} of {@code bin4.test}): its addresses are never joined to this profile's.
         */
        public Part part(String display) {
            return ScanNumbering.apart(number, ScanNumbering.ofObjdump(display)) ? null : new Part(samples, display);
        }

        /**
         * The facts of the parts of this profile's binary (in their order). Each objdump text is judged on its own: a
         * scan objdumps one test binary per package, and the package's functions are in several of them at other
         * addresses, so summed over all texts the binary the profile was taken from lost the vote. None and a note
         * when no text is of this profile's binary and one is of another. A null part is an objdump text of another
         * binary by scan's numbering ({@link #part}).
         */
        public Result finish(List<Part> parts) {
            List<HotInstruction> facts = new ArrayList<>();
            List<Part> refused = new ArrayList<>();
            boolean matched = false;
            if (!parts.isEmpty() && parts.stream().allMatch(java.util.Objects::isNull)) {
                return new Result(List.of(), String.format(Locale.ROOT, "hot instructions not joined: no objdump text of"
                        + " its binary (binary %d by scan's numbering: objdump-%d.txt)", number, number));
            }
            for (Part part : parts) {
                if (part == null) {
                    continue;
                }
                if (part.check.refused()) {
                    refused.add(part);
                } else {
                    facts.addAll(part.facts);
                    matched |= part.check.matched();
                }
            }
            if (!refused.isEmpty() && !matched) {
                return new Result(List.of(), "hot instructions not joined: " + problem(refused));
            }
            return new Result(facts, null);
        }

        /**
         * Why no objdump text is of this profile's binary: the closest one (the most sampled addresses inside their
         * functions, then the fewest outside), with its counts and an example, then the others refused.
         */
        private static String problem(List<Part> refused) {
            Part closest = refused.stream().min(Comparator.comparingInt((Part p) -> -p.check.inside())
                    .thenComparingInt(p -> p.check.outside())).orElseThrow();
            String text = closest.check.problem(closest.display);
            List<String> others = refused.stream().filter(p -> p != closest).map(p -> p.display).toList();
            return others.isEmpty() ? text : text + "; nor is it of " + String.join(", ", others);
        }
    }

    /** One profile joined to one objdump text, function by function. */
    public static final class Part {
        private final SampledAddresses samples;
        private final String display;
        private final SameBinaryCheck check;
        private final List<HotInstruction> facts = new ArrayList<>();

        private Part(SampledAddresses samples, String display) {
            this.samples = samples;
            this.display = display;
            this.check = new SameBinaryCheck(samples);
        }

        /** One function of the objdump text, as parsed (before anything else reads its instructions). */
        public void function(AsmBody body) {
            check.function(body, display);
            if (InstructionJoin.sampled(body, samples)) {
                add(body, samples, display, facts);
            }
        }
    }

    private static void add(AsmBody body, SampledAddresses samples, String display, List<HotInstruction> facts) {
        String unit = samples.sampleType().unit();
        List<InstructionJoin.Row> rows = InstructionJoin.rows(body, samples);
        for (int j = 0; j < rows.size(); j++) {
            InstructionJoin.Row r = rows.get(j);
            if (r.flat() == 0 && r.cum() == 0) {
                continue;
            }
            long next = j + 1 < rows.size() ? rows.get(j + 1).insn().address : InstructionJoin.end(body);
            int to = r.node();
            while (to < samples.size() && Long.compareUnsigned(samples.address(to), next) < 0) {
                to++;
            }
            double total = samples.total();
            String text = String.format(Locale.ROOT, "flat %s, cum %s: %#x %s (%s)",
                    PprofUnits.label(r.flat(), unit, "minimum"), PprofUnits.label(r.cum(), unit, "minimum"),
                    r.insn().address, r.text(), String.join(" < ", samples.frames(r.node())));
            Evidence at = Evidence.of(InputKind.OBJDUMP, text, InputPos.line(display, r.insn().inputLine));
            List<ReachedCallee> reached = samples.reached(r.node(), to);
            facts.add(new HotInstruction(body.symbol, r.insn().file, r.insn().line, 0, r.insn().address, r.text(),
                    r.insn().op, samples.sampleType().type(), unit, r.flat(), total == 0 ? 0 : r.flat() / total,
                    r.cum(), total == 0 ? 0 : r.cum() / total, r.flatCount(), samples.frames(r.node()),
                    reached.stream().map(ReachedCallee::callee).toList(), reached, HotInstruction.binaryOf(at),
                    samples.benchmarks(r.node(), to), at));
        }
    }
}
