package dev.perfwarden.engine.service;

import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.Problem;
import dev.perfwarden.engine.project.ConfigException;

import java.util.stream.Collectors;

/**
 * A project cannot be set up as asked, for a reason its owner can fix: a refused pack, a wrong project,
 * lock or baseline file, a missing file, an unknown parameter. The message names file and line where there
 * is one. The CLI maps it to exit code 2; a batch marks the entry as not analysed.
 */
public final class SetupException extends RuntimeException {
    public SetupException(String message) {
        super(message);
    }

    public SetupException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "rule pack refused:" and every problem as {@code pack/file:line}. */
    public static SetupException of(PackException e) {
        String msg = e.problems().stream().map(Problem::format).collect(Collectors.joining("\n  "));
        return new SetupException("rule pack refused:\n  " + msg, e);
    }

    /** "project file refused:" and every issue as {@code file:line:col}. */
    public static SetupException of(ConfigException e) {
        return new SetupException("project file refused:\n  " + e.getMessage().replace("\n", "\n  "), e);
    }
}
