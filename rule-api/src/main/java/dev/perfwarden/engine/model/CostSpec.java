package dev.perfwarden.engine.model;

import java.util.Locale;
import java.util.Optional;

/**
 * How a rule's hits are weighed (rule metadata {@code @cost}): which profiles measure the site, and, for a
 * line, which of its costs.
 * <ul>
 *   <li>{@code self} (default): the line's own work: samples whose innermost frame outside the Go runtime is
 *       the line (its instructions plus the runtime work they ask for: allocating, growing, write barriers),
 *       bytes the line allocates itself. For rules about the line's own code: a bounds check, an allocation, a
 *       write barrier;</li>
 *   <li>{@code cum}: the line and everything it calls. For rules about the call the line makes (a call that is
 *       not inlined, an indirect call): the call is what the finding is about, so what it leads to counts;</li>
 *   <li>{@code cpu}, {@code alloc}: the profiles that weigh the rule (default both): a bounds check or a
 *       dispatch costs time, never bytes, so bytes allocated under it must not make it hot.</li>
 * </ul>
 * Written as comma- or space-separated words: {@code @cost("cpu, cum")}, {@code @cost("self, cpu, alloc")}.
 * A function-scoped rule is always measured by its function's cumulative share; the measure applies to lines.
 */
public record CostSpec(boolean cum, boolean cpu, boolean alloc) implements java.io.Serializable {
    /** The default: the line's own cost, in every profile given. */
    public static final CostSpec DEFAULT = new CostSpec(false, true, true);

    public CostSpec {
        if (!cpu && !alloc) {
            throw new IllegalArgumentException("a cost is measured in at least one profile");
        }
    }

    /** {@code self} or {@code cum}. */
    public String measure() {
        return cum ? "cum" : "self";
    }

    /**
     * Reads {@code @cost}; null means the default. Empty when the text holds another word than self, cum, cpu,
     * alloc, names both self and cum, or names neither profile while naming something.
     */
    public static Optional<CostSpec> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(DEFAULT);
        }
        boolean self = false;
        boolean cum = false;
        boolean cpu = false;
        boolean alloc = false;
        for (String w : text.toLowerCase(Locale.ROOT).split("[,\\s]+")) {
            switch (w) {
                case "" -> { }
                case "self" -> self = true;
                case "cum" -> cum = true;
                case "cpu" -> cpu = true;
                case "alloc" -> alloc = true;
                default -> {
                    return Optional.empty();
                }
            }
        }
        if (self && cum) {
            return Optional.empty();
        }
        if (!cpu && !alloc) {
            cpu = true;
            alloc = true;
        }
        return Optional.of(new CostSpec(cum, cpu, alloc));
    }

    @Override
    public String toString() {
        return measure() + (cpu ? ", cpu" : "") + (alloc ? ", alloc" : "");
    }
}
