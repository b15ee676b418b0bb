package dev.perfwarden.engine.analysis;

import dev.perfwarden.engine.EngineInfo;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.profile.ProfileSummary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The engine's own findings about the profiles given. {@value #SKEWED} (warning): a CPU profile whose
 * memory-profiler overhead ({@link ProfileSummary#profilerShare()}: {@code runtime.profilealloc},
 * {@code runtime.mProf_Malloc}, …) exceeds {@link ProfileSummary#SKEW_LIMIT}: it was taken in the same run as
 * a heap profile with a low {@code -memprofilerate}, so every share it gives (and every finding weighed by
 * it) is skewed towards allocating code.
 */
public final class ProfileChecks {
    public static final String SKEWED = "perfwarden/skewed-profile";

    private ProfileChecks() {
    }

    /** The catalogue entry of {@value #SKEWED}. */
    public static RuleInfo rule() {
        return new RuleInfo(SKEWED, "perfwarden", EngineInfo.version(), Severity.WARNING, Severity.WARNING,
                Scope.NONE, "A CPU profile is skewed by the memory profiler's own work", List.of("profile"),
                List.of("pprof"), "# " + SKEWED + "\n\nMore than 2 % of the CPU samples are the memory profiler's"
                        + " own work (runtime.profilealloc, runtime.mProf_Malloc): the CPU profile was taken in the same"
                        + " run as a heap profile with a low -memprofilerate. Every share it gives is skewed towards"
                        + " allocating code. Take the CPU profile and the heap profile in separate runs (`go test"
                        + " -cpuprofile cpu.pprof`, then `go test -memprofile mem.pprof -memprofilerate=512`).\n",
                "", 0);
    }

    /** One {@value #SKEWED} finding per skewed CPU profile among {@code facts}. */
    public static List<Finding> findings(Collection<?> facts) {
        List<Finding> out = new ArrayList<>();
        for (Object o : facts) {
            if (o instanceof ProfileSummary s && s.skewed()) {
                String share = String.format(Locale.ROOT, "%.1f %%", s.profilerShare() * 100);
                out.add(Finding.of(SKEWED, "perfwarden@" + EngineInfo.version(), Severity.WARNING, "", "", 0, 0,
                        s.input() + ": " + share + " of the CPU samples are the memory profiler's own work"
                                + " (runtime.profilealloc, runtime.mProf_Malloc), over the 2 % limit: every share this"
                                + " profile gives is skewed. Take the CPU and heap profiles in separate runs.",
                        List.of(new Evidence("pprof", s.input() + ": memory profiler " + share + " of "
                                + s.sampleType() + " samples", null))));
            }
        }
        return out;
    }
}
