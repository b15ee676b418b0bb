package dev.perfwarden.cli;

import dev.perfwarden.engine.ExitCodes;
import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.lock.LockFile;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.Problem;
import dev.perfwarden.engine.project.ConfigException;
import dev.perfwarden.engine.restrict.RestrictedMode;
import dev.perfwarden.engine.restrict.Trust;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code perfwarden packs verify}: checks the packs a run would use without running them: each pack loads,
 * passes restricted mode (unless built in or {@code --trust=full}), matches the lock file (when there is
 * one) and compiles. Exit 0 when all is well, 2 with every problem as file:line otherwise.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check the packs without running them: restricted mode, the lock file, compilation.",
                "Exit 0 when all pass, 2 otherwise (every problem as file:line)."})
public final class PacksVerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    PackOptions packs;
    @Mixin
    ProjectOptions project;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Project p = Project.load(packs, project, List.of(), false, false);
        List<Problem> problems = new ArrayList<>();
        Trust trust = p.trust;
        for (Pack pack : p.packs) {
            if (!pack.builtin() && trust == Trust.RESTRICTED) {
                problems.addAll(RestrictedMode.check(pack, Project.class.getClassLoader()));
            }
        }
        LockFile lock = null;
        Path lockFile = Project.lockPath(project, p.config);
        if (lockFile != null) {
            try {
                lock = LockFile.read(lockFile);
            } catch (ConfigException e) {
                throw Project.configError(e);
            }
            problems.addAll(lock.check(p.packs, lockFile));
        }
        if (problems.isEmpty()) {
            try {
                RuleSet.buildUncached(p.packs, Project.class.getClassLoader());
            } catch (PackException e) {
                problems.addAll(e.problems());
            }
        }
        for (Pack pack : p.packs) {
            boolean bad = problems.stream().anyMatch(x -> x.pack().equals(pack.id()));
            out.printf("%-8s %-24s %s  %s%n", bad ? "REFUSED" : "ok", pack.label(), pack.sha256(),
                    pack.builtin() ? "built-in" : pack.origin() + (trust == Trust.FULL ? " (trusted fully)" : " (restricted)"));
        }
        if (lock != null) {
            out.println("lock: " + lockFile + (problems.stream().anyMatch(x -> x.message().contains("approved")
                    || x.message().contains("not in")) ? " (does not match)" : " (matches)"));
            for (LockFile.LockedPack u : lock.unused(p.packs)) {
                out.println("note: " + lockFile + " also approves " + u.label() + ", which is not loaded");
            }
        } else {
            out.println("lock: none (the packs are not pinned; write a lock with 'perfwarden packs lock')");
        }
        out.flush();
        if (!problems.isEmpty()) {
            for (Problem x : problems) {
                err.println(x.format());
            }
            err.println("perfwarden: " + problems.size() + " problem(s); the packs would be refused");
            err.flush();
            return ExitCodes.USAGE;
        }
        return ExitCodes.OK;
    }

}
