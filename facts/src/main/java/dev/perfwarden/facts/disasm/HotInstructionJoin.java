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
 * outside than inside, the profile was taken from another binary (the usual capture layout: objdump of the
 * {@code go build} binary, the profile of the {@code go test} binary) and nothing is joined; the
 * {@link Result#note()} says so with an example. {@code perfwarden hot --disasm --binary BIN} checks the
 * build IDs themselves.
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
        SampledAddresses samples;
        try {
            samples = SampledAddresses.read(profile.path(), profile.display(), "cpu");
        } catch (IllegalArgumentException e) {
            return new Result(List.of(), null); // no cpu sample type: a heap, mutex or block profile
        }
        if (samples.size() == 0) {
            return new Result(List.of(), null);
        }
        List<HotInstruction> facts = new ArrayList<>();
        SameBinaryCheck check = new SameBinaryCheck(samples);
        for (Input objdump : objdumps) {
            ObjdumpParser.readFunctions(objdump.path(), objdump.display(), body -> {
                check.function(body, objdump.display());
                if (InstructionJoin.sampled(body, samples)) {
                    add(body, samples, objdump.display(), facts);
                }
            });
        }
        if (check.refused()) {
            return new Result(List.of(), "hot instructions not joined: " + check.problem(names(objdumps)));
        }
        return new Result(facts, null);
    }

    private static String names(List<Input> inputs) {
        List<String> names = new ArrayList<>();
        inputs.forEach(i -> names.add(i.display()));
        return String.join(", ", names);
    }

    private static void add(AsmBody body, SampledAddresses samples, String display, List<HotInstruction> facts) {
        String unit = samples.sampleType().unit();
        for (InstructionJoin.Row r : InstructionJoin.rows(body, samples)) {
            if (r.flat() == 0 && r.cum() == 0) {
                continue;
            }
            double total = samples.total();
            String text = String.format(Locale.ROOT, "flat %s, cum %s: %#x %s (%s)",
                    PprofUnits.label(r.flat(), unit, "minimum"), PprofUnits.label(r.cum(), unit, "minimum"),
                    r.insn().address, r.text(), String.join(" < ", samples.frames(r.node())));
            facts.add(new HotInstruction(body.symbol, r.insn().file, r.insn().line, 0, r.insn().address, r.text(),
                    r.insn().op, samples.sampleType().type(), unit, r.flat(), total == 0 ? 0 : r.flat() / total,
                    r.cum(), total == 0 ? 0 : r.cum() / total, r.flatCount(), samples.frames(r.node()),
                    Evidence.of(InputKind.OBJDUMP, text, InputPos.line(display, r.insn().inputLine))));
        }
    }
}
