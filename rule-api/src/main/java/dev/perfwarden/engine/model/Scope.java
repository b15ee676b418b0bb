package dev.perfwarden.engine.model;

import java.util.Locale;
import java.util.Optional;

/**
 * What a hit is weighed against when a CPU profile is given (rule metadata {@code @scope}).
 * {@link #FUNCTION}: the function's cumulative share; {@link #LINE}: the line's flat share or, failing
 * that, the function's cumulative share; {@link #NONE}: not weighed (the rule's severity stands).
 */
public enum Scope {
    FUNCTION("function"),
    LINE("line"),
    NONE("none"),
    /**
     * Not a rule's scope ({@link #byId} does not read it): the basis of a cost measured on the machine
     * instructions a line-scoped hit names (a bounds check's compare and branch), summed from the CPU profile
     * joined to the machine code.
     */
    INSTRUCTION("instruction");

    private final String id;

    Scope(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Scope> byId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String s = id.trim().toLowerCase(Locale.ROOT);
        for (Scope v : values()) {
            if (v != INSTRUCTION && v.id.equals(s)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id;
    }
}
