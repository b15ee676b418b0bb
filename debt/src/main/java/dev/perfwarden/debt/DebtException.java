package dev.perfwarden.debt;

/**
 * A problem the user can fix (an unreadable report, a database that cannot be opened, an unknown
 * {@code --since} commit, a wrong {@code debt:} section): the CLI prints the message and exits 2.
 */
public final class DebtException extends RuntimeException {
    public DebtException(String message) {
        super(message);
    }

    public DebtException(String message, Throwable cause) {
        super(message, cause);
    }
}
