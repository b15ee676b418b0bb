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
 */
public record PackContext(String packId, String drlPackage, Map<String, ParamType> parameters,
                          Map<String, DSLMapping> dsl) {
    public PackContext {
        Objects.requireNonNull(packId, "packId");
        Objects.requireNonNull(drlPackage, "drlPackage");
        parameters = Map.copyOf(parameters);
        dsl = Map.copyOf(dsl);
    }
}
