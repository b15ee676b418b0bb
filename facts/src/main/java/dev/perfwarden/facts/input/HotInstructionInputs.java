package dev.perfwarden.facts.input;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.disasm.HotInstructionJoin;
import dev.perfwarden.facts.parse.InputSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The step after parsing that joins each CPU profile among the inputs to the objdump inputs
 * ({@link HotInstructionJoin}) and adds the {@code HotInstruction} facts. When the join is refused
 * (the profile is of another binary) or fails, the profile's input gets a note saying why; its other
 * facts stay.
 */
final class HotInstructionInputs {
    private HotInstructionInputs() {
    }

    static void join(List<InputSource> sources, List<InputStats> stats, List<Fact> facts) {
        Map<String, InputSource> byName = new HashMap<>();
        for (InputSource s : sources) {
            byName.putIfAbsent(s.displayPath(), s);
        }
        List<HotInstructionJoin.Input> objdumps = new ArrayList<>();
        for (InputStats st : stats) {
            InputSource src = byName.get(st.path());
            if (src != null && !st.failed() && st.kind().equals(InputKind.OBJDUMP.id())) {
                objdumps.add(new HotInstructionJoin.Input(src.path(), st.path()));
            }
        }
        if (objdumps.isEmpty()) {
            return;
        }
        for (int i = 0; i < stats.size(); i++) {
            InputStats st = stats.get(i);
            InputSource src = byName.get(st.path());
            if (src == null || st.failed() || !st.kind().equals(InputKind.PPROF.id())) {
                continue;
            }
            String note;
            try {
                HotInstructionJoin.Result r = HotInstructionJoin.join(new HotInstructionJoin.Input(src.path(), st.path()),
                        objdumps);
                facts.addAll(r.facts());
                note = r.note();
            } catch (IOException | ParseException e) {
                note = "hot instructions not joined: " + e.getMessage();
            }
            if (note != null) {
                stats.set(i, new InputStats(st.path(), st.kind(), st.records(), st.unparsed(), st.unparsedSamples(),
                        st.error(), st.note() == null ? note : st.note() + "; " + note));
            }
        }
    }
}
