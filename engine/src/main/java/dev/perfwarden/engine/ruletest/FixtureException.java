package dev.perfwarden.engine.ruletest;

/**
 * A rule's fixture that cannot be read as one: a malformed annotation, a file that is not a regular file or is too
 * large. The message is {@code FILE[:LINE]: DETAIL}, the file relative to what {@link #file()} is relative to:
 * {@code main.go:3: '// want "Bad Id"': not a rule id ...}. The pack's problem, not perfwarden's (exit 2).
 */
public final class FixtureException extends IllegalArgumentException {
    private final String file;
    private final int line;
    private final String detail;

    /** @param line 0 when the problem is the whole file's */
    public FixtureException(String file, int line, String detail) {
        super(file + (line > 0 ? ":" + line : "") + ": " + detail);
        this.file = file;
        this.line = line;
        this.detail = detail;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String detail() {
        return detail;
    }

    /** The same problem, its file named from {@code folder} (e.g. the pack's folder). */
    public FixtureException under(String folder) {
        return new FixtureException(folder + "/" + file, line, detail);
    }
}
