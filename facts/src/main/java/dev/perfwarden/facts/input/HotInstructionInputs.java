package dev.perfwarden.facts.input;

import dev.perfwarden.facts.asm.AsmBody;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.disasm.HotInstructionJoin;
import dev.perfwarden.facts.parse.InputParser;
import dev.perfwarden.facts.parse.InputSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The join of each CPU profile among the inputs to the objdump inputs ({@link HotInstructionJoin}), done while
 * the objdump text is parsed: {@link InputReader} parses the other inputs first, hands each parsed profile to
 * {@link #profile}, then parses the objdump inputs with the {@link #objdump} observer, and {@link #finish}
 * adds the {@code HotInstruction} facts (profiles in input order, each over the objdumps in input order). No
 * input is read twice for the join except the profile's samples (read by {@code SampledAddresses}). When the
 * join is refused (the profile is of another binary) or fails, the profile's input gets a note saying why;
 * its other facts stay. An objdump input that failed to parse joins nothing.
 */
final class HotInstructionInputs {
    /** A parsed profile: its samples ready to join (null when it has no CPU time), or why they could not be read. */
    private record Profile(String display, HotInstructionJoin.Profile samples, String problem) {
    }

    private final List<Profile> profiles = new ArrayList<>();
    /** The benchmarks' untimed lines, whose samples the join leaves out as the profile facts do. */
    private final dev.perfwarden.facts.profile.UntimedLines untimed;

    HotInstructionInputs(dev.perfwarden.facts.profile.UntimedLines untimed) {
        this.untimed = untimed;
    }

    HotInstructionInputs() {
        this(dev.perfwarden.facts.profile.UntimedLines.NONE);
    }
    /** Each objdump input's parts (one per profile), by its slot in the reader's output. */
    private final Map<Integer, List<HotInstructionJoin.Part>> parts = new ConcurrentHashMap<>();

    /** Whether the inputs chosen hold both a profile and objdump text: only then is there a join to do. */
    static boolean wanted(List<InputParser> chosen) {
        return chosen.stream().anyMatch(HotInstructionInputs::objdump)
                && chosen.stream().anyMatch(p -> p.kind() == InputKind.PPROF);
    }

    static boolean objdump(InputParser p) {
        return p.kind() == InputKind.OBJDUMP;
    }

    /** A profile input that parsed: reads its CPU samples for the join (in input order). */
    void profile(InputSource src, String display) {
        try {
            profiles.add(new Profile(display, HotInstructionJoin.profile(new HotInstructionJoin.Input(src.path(), display), untimed),
                    null));
        } catch (IOException | ParseException e) {
            profiles.add(new Profile(display, null, "hot instructions not joined: " + e.getMessage()));
        }
    }

    /** The observer of the objdump input in {@code slot}: joins each function to every profile as it is parsed. */
    Consumer<AsmBody> objdump(int slot, String display) {
        List<HotInstructionJoin.Part> mine = new ArrayList<>();
        for (Profile p : profiles) {
            mine.add(p.samples == null ? null : p.samples.part(display));
        }
        parts.put(slot, mine);
        return body -> {
            for (HotInstructionJoin.Part part : mine) {
                if (part != null) {
                    part.function(body);
                }
            }
        };
    }

    /**
     * Adds the facts of the join and the profiles' notes. {@code parsed} are the reader's outputs by slot (null:
     * not parsed); objdump slots that failed are left out.
     */
    void finish(List<InputStats> parsed, List<InputStats> stats, List<Fact> facts) {
        List<Integer> objdumps = new ArrayList<>();
        for (int slot = 0; slot < parsed.size(); slot++) {
            InputStats st = parsed.get(slot);
            if (st != null && !st.failed() && parts.containsKey(slot)) {
                objdumps.add(slot);
            }
        }
        if (objdumps.isEmpty()) {
            return;
        }
        for (int i = 0; i < profiles.size(); i++) {
            Profile p = profiles.get(i);
            String note = p.problem;
            if (p.samples != null) {
                List<HotInstructionJoin.Part> mine = new ArrayList<>();
                for (int slot : objdumps) {
                    mine.add(parts.get(slot).get(i));
                }
                HotInstructionJoin.Result r = p.samples.finish(mine);
                facts.addAll(r.facts());
                note = r.note();
            }
            if (note != null) {
                for (int k = 0; k < stats.size(); k++) {
                    InputStats st = stats.get(k);
                    if (st.path().equals(p.display) && st.kind().equals(InputKind.PPROF.id()) && !st.failed()) {
                        stats.set(k, new InputStats(st.path(), st.kind(), st.records(), st.unparsed(),
                                st.unparsedSamples(), st.error(), st.note() == null ? note : st.note() + "; " + note));
                        break;
                    }
                }
            }
        }
    }
}
