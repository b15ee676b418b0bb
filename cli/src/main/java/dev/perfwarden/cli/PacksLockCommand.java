package dev.perfwarden.cli;

import dev.perfwarden.engine.ExitCodes;
import dev.perfwarden.engine.lock.LockFile;
import dev.perfwarden.engine.service.Session;
import dev.perfwarden.engine.service.SessionSpec;
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
        description = {"Write the lock file that pins the packs.",
                "Write the lock file that pins the packs: id, version, origin, sha256 (whole pack and per " +
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
        // re-locking: the old lock is replaced, not enforced
        Session.Locked locked = project.open(packs, List.of(), SessionSpec.Checks.TRUST).lock(out);
        PrintWriter o = spec.commandLine().getOut();
        o.println("locked " + locked.lock().packs().size() + " pack(s) in " + locked.file() + ":");
        for (LockFile.LockedPack l : locked.lock().packs()) {
            o.printf("  %-24s %s  %s  (%d files, %s)%n", l.label(), l.sha256(), l.origin(), l.files().size(),
                    l.trust());
        }
        o.flush();
        return ExitCodes.OK;
    }
}
