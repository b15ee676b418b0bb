package dev.perfwarden.cli;

import dev.perfwarden.engine.restrict.Trust;
import dev.perfwarden.engine.service.Session;
import dev.perfwarden.engine.service.SessionSpec;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a project's settings come from ({@code .perfwarden.yaml}, found upward from the analysed module,
 * or {@code --config}), which lock file pins its packs, and how far packs that do not ship with perfwarden
 * are trusted. Shared by analyze, scan, baseline and packs.
 */
public final class ProjectOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "The project file to use instead of the .perfwarden.yaml found upward from the module "
                    + "(or the current folder).")
    Path config;

    @Option(names = "--no-config", description = "Ignore any .perfwarden.yaml.")
    boolean noConfig;

    @Option(names = "--lock", paramLabel = "FILE",
            description = "The lock file that pins the packs (default: perfwarden.lock next to .perfwarden.yaml, "
                    + "if it exists). A pack whose version or files differ is refused (exit 2).")
    Path lock;

    @Option(names = "--trust", paramLabel = "LEVEL", defaultValue = "restricted",
            description = "restricted (default) or full. Restricted: DRL/DSLR of packs that do not ship with "
                    + "perfwarden may use only the fact model, Hits, Param and pure helpers; anything else is "
                    + "refused before it is compiled (exit 2). Full: any Java. Only for packs you have reviewed.")
    String trust;

    @Option(names = "--limit", paramLabel = "NAME=VALUE",
            description = "A run-time limit of the rule session: time (e.g. 30s, 2m), firings, facts (inserted by "
                    + "rules), heapHeadroom (e.g. 128MiB). Overrides limits: in .perfwarden.yaml, which may only "
                    + "tighten the defaults (120s, 5000000, 2000000, 64MiB). Breaking one exits 2. Repeatable.")
    java.util.Map<String, String> limits = new java.util.LinkedHashMap<>();

    Trust trust() {
        return Trust.byId(trust).orElseThrow(() -> new UserException("unknown --trust '" + trust
                + "' (expected restricted or full)"));
    }

    /**
     * Opens the project with the engine service: {@code packs}, these options, the project file found from
     * {@code starts} (capture and source paths; {@code -} is stdin), refusing packs per {@code checks}.
     */
    Session open(PackOptions packs, List<String> starts, SessionSpec.Checks checks) {
        return PerfwardenCommand.WORKSPACE.open(spec(packs, starts, checks));
    }

    /** The session spec {@link #open} opens. */
    SessionSpec spec(PackOptions packs, List<String> starts, SessionSpec.Checks checks) {
        SessionSpec spec = packs.applyTo(SessionSpec.defaults()).withTrust(trust()).withLock(lock)
                .withConfig(config).withChecks(checks).withLimits(limits)
                .withStarts(starts.stream().filter(s -> !s.equals("-")).map(Path::of).filter(Files::exists).toList());
        return noConfig ? spec.withoutConfig() : spec;
    }
}
