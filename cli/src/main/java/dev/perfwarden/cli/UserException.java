package dev.perfwarden.cli;

/** A problem the user can fix (bad option value, unreadable pack, missing file): exit code 2. */
public final class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
