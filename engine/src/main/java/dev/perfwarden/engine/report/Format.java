package dev.perfwarden.engine.report;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code --format}: text (compiler style), json (the documented contract), sarif (2.1.0), html (a
 * self-contained page; {@link HtmlReporter}).
 */
public enum Format {
    TEXT("text"),
    JSON("json"),
    SARIF("sarif"),
    HTML("html");

    private final String id;

    Format(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Format> byId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String s = id.trim().toLowerCase(Locale.ROOT);
        for (Format f : values()) {
            if (f.id.equals(s)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The default reporter for this format. */
    public Reporter reporter() {
        switch (this) {
            case JSON:
                return new JsonReporter();
            case SARIF:
                return new SarifReporter();
            case HTML:
                return new HtmlReporter();
            default:
                return new TextReporter(false);
        }
    }
}
