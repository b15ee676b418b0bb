package dev.perfwarden.engine.restrict;

import java.util.Locale;
import java.util.Optional;

/**
 * How far a rule pack that does not ship with perfwarden is trusted ({@code --trust}).
 *
 * <ul>
 *   <li>{@link #RESTRICTED} (the default): YAML policies run as they are (they hold no code); DRL and
 *       DSLR may use only the fact model, the reporting API and a few pure helpers, checked by
 *       {@link RestrictedMode} before anything is compiled.</li>
 *   <li>{@link #FULL}: anything Drools allows, including arbitrary Java. Only for packs you have reviewed.</li>
 * </ul>
 * Built-in packs are always fully trusted.
 */
public enum Trust {
    RESTRICTED("restricted"),
    FULL("full");

    private final String id;

    Trust(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Trust> byId(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String t = s.strip().toLowerCase(Locale.ROOT);
        for (Trust v : values()) {
            if (v.id.equals(t)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
