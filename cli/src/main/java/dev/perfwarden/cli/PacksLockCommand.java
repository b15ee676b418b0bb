package dev.perfwarden.cli;

import dev.perfwarden.engine.ExitCodes;
import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.lock.LockFile;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.project.ProjectConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code perfwarden packs lock}: pins the packs a run would use (command line, else .perfwarden.yaml, else
 * go-perf) in a lock file: id, exact version, origin, sha256 over the pack and per file. Only packs that
 * pass restricted mode (or {@code --trust=full}) and compile are locked. The file goes to {@code --out},
 * else {@code --lock}, else the lock the project file names, else {@code perfwarden.lock} next to
 * {@code .perfwarden.yaml}, else in the current folder. YAML, or JSON for a {@code .json} name.
 */
@Command(name = "lock", mixinStandardHelpOptions = true,
        description = {"Write the lock file that pins the packs: id, version, origin, sha256 (whole pack and per",
                "file). Later runs refuse a pack that differs (exit 2). YAML, or JSON if the file name ends in .json."})
public final class PacksLockCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    PackOptions packs;
    @Mixin
    ProjectOptions project;
    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Where to write the lock file.")
    Path out;

    @Override
    public Integer call() throws IOException {
        Path lockOpt = project.lock; // re-locking: the old lock is replaced, not enforced
        Project p = Project.load(packs, project, List.of(), false, true);
        try {
            RuleSet.buildUncached(p.packs, Project.class.getClassLoader());
        } catch (PackException e) {
            throw PackOptions.packError(e);
        }
        Path target = out != null ? out : lockOpt != null ? lockOpt
                : p.config != null ? (p.config.lock() != null ? p.config.lock()
                : p.config.file().resolveSibling(ProjectConfig.LOCK_NAME)) : Path.of(ProjectConfig.LOCK_NAME);
        Path dir = target.toAbsolutePath().normalize().getParent();
        LockFile lock = LockFile.of(p.packs, dir, p.trust);
        lock.write(target);
        PrintWriter o = spec.commandLine().getOut();
        o.println("locked " + lock.packs().size() + " pack(s) in " + target + ":");
        for (LockFile.LockedPack l : lock.packs()) {
            o.printf("  %-24s %s  %s  (%d files, %s)%n", l.label(), l.sha256(), l.origin(), l.files().size(), l.trust());
        }
        o.flush();
        return ExitCodes.OK;
    }
}
