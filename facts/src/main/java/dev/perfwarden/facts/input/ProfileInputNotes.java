package dev.perfwarden.facts.input;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.profile.ProfileSummary;

import java.util.List;

/**
 * Notes on profile inputs that the report prints under its counts ("input notes"): a CPU profile whose flat samples
 * are mostly in assembly outside the standard library ({@link ProfileSummary#assemblyNote()}: pierrec/lz4's
 * {@code decodeBlock}, 84 % of its decoding benchmarks' samples in decode_amd64.s), code that no rule sees, so that a
 * quiet report is not read as "nothing to gain".
 */
final class ProfileInputNotes {
    private ProfileInputNotes() {
    }

    /** Appends each profile's note to its input's statistics in {@code stats} (replaced in place). */
    static void add(List<? extends Fact> facts, List<InputStats> stats) {
        for (Fact f : facts) {
            if (!(f instanceof ProfileSummary s) || s.assemblyNote() == null) {
                continue;
            }
            String note = s.assemblyNote();
            for (int k = 0; k < stats.size(); k++) {
                InputStats st = stats.get(k);
                if (st.path().equals(s.input()) && st.kind().equals(InputKind.PPROF.id()) && !st.failed()) {
                    stats.set(k, new InputStats(st.path(), st.kind(), st.records(), st.unparsed(),
                            st.unparsedSamples(), st.error(), st.note() == null ? note : st.note() + "; " + note));
                    break;
                }
            }
        }
    }
}
