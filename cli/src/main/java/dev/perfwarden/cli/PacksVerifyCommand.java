package dev.perfwarden.cli;

import dev.perfwarden.engine.ExitCodes;
import dev.perfwarden.engine.lock.LockFile;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.Problem;
import dev.perfwarden.engine.restrict.Trust;
import dev.perfwarden.engine.service.Session;
import dev.perfwarden.engine.service.SessionSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
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
        Session session = project.open(packs, List.of(), SessionSpec.Checks.NONE);
        Session.Verification v = session.verify();
        boolean full = session.trust() == Trust.FULL;
        for (Pack pack : session.packs()) {
            out.printf("%-8s %-24s %s  %s%n", v.refused(pack) ? "REFUSED" : "ok", pack.label(), pack.sha256(),
                    pack.builtin() ? "built-in" : dev.perfwarden.engine.report.TerminalText.escape(pack.origin()) + (full ? " (trusted fully)" : " (restricted)"));
        }
        if (v.lock() != null) {
            out.println("lock: " + v.lockFile() + (v.lockMatches() ? " (matches)" : " (does not match)"));
            for (LockFile.LockedPack u : v.lock().unused(session.packs())) {
                out.println("note: " + v.lockFile() + " also approves " + u.label() + ", which is not loaded");
            }
        } else {
            out.println("lock: none (the packs are not pinned; write a lock with 'perfwarden packs lock')");
        }
        out.flush();
        if (!v.problems().isEmpty()) {
            for (Problem x : v.problems()) {
                err.println(x.format());
            }
            err.println("perfwarden: " + v.problems().size() + " problem(s); the packs would be refused");
            err.flush();
            return ExitCodes.USAGE;
        }
        return ExitCodes.OK;
    }
}
