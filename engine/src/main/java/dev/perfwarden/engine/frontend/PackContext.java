package dev.perfwarden.engine.frontend;

import dev.perfwarden.engine.model.ParamType;
import org.drools.drl.parser.lang.dsl.DSLMapping;

import java.util.Map;
import java.util.Objects;

/**
 * What a front-end may know about the pack it translates for.
 *
 * @param packId     the pack id, e.g. {@code go-perf}
 * @param drlPackage the DRL package every rule of the pack declares ({@code perfwarden.packs.go_perf})
 * @param parameters every parameter a rule of this pack can read, with its type: the pack's own
 *                   ({@code pack.yaml}) and the engine's hotness thresholds
 * @param dsl        the pack's DSL files at its root, parsed: file name → mapping
 * @param expansion  the CPU time left for expanding the DSLR files: one budget for all the packs of a run, not per
 *                   file (a pack of 12 files that each took the whole budget loaded for 6 minutes, attack3 probe 06)
 *                   nor per pack (many packs, each just under it)
 */
public record PackContext(String packId, String drlPackage, Map<String, ParamType> parameters,
                          Map<String, DSLMapping> dsl, CpuBudget expansion) {
    public PackContext {
        Objects.requireNonNull(packId, "packId");
        Objects.requireNonNull(drlPackage, "drlPackage");
        parameters = Map.copyOf(parameters);
        dsl = Map.copyOf(dsl);
        Objects.requireNonNull(expansion, "expansion");
    }

    /** A context with a fresh expansion budget of {@link DslrFrontend#EXPANSION_BUDGET}. */
    public PackContext(String packId, String drlPackage, Map<String, ParamType> parameters,
                       Map<String, DSLMapping> dsl) {
        this(packId, drlPackage, parameters, dsl, freshExpansionBudget());
    }

    /** A budget of {@link DslrFrontend#EXPANSION_BUDGET}: what all the DSLR files of a run may take to expand. */
    public static CpuBudget freshExpansionBudget() {
        return new CpuBudget(DslrFrontend.EXPANSION_BUDGET);
    }

    /** CPU time that several pieces of work share: each takes what is left and gives back what it did not use. */
    public static final class CpuBudget {
        private final java.util.concurrent.atomic.AtomicLong leftNanos;

        public CpuBudget(java.time.Duration total) {
            this.leftNanos = new java.util.concurrent.atomic.AtomicLong(total.toNanos());
        }

        /** What is left, zero or more. */
        public java.time.Duration left() {
            return java.time.Duration.ofNanos(Math.max(0, leftNanos.get()));
        }

        /** Takes {@code nanos} of CPU time off what is left. */
        public void spend(long nanos) {
            leftNanos.addAndGet(-Math.max(0, nanos));
        }
    }
}
