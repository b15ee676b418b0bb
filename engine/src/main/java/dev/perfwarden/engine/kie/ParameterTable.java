package dev.perfwarden.engine.kie;

import dev.perfwarden.engine.model.ParamType;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackParameter;
import dev.perfwarden.engine.rule.Param;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameters of a rule set's packs: each pack's own and the engine's, with their defaults, then overridden
 * by {@code name=value} ({@code pack:name=value} for one pack) after a check of the name and the value's type.
 */
final class ParameterTable {
    private final Map<String, Map<String, Object>> values = new LinkedHashMap<>();
    private final Map<String, Map<String, ParamType>> types = new LinkedHashMap<>();

    ParameterTable(List<Pack> packs) {
        for (Pack p : packs) {
            Map<String, Object> v = new LinkedHashMap<>();
            Map<String, ParamType> t = new LinkedHashMap<>();
            Pack.ENGINE_PARAMETERS.forEach((n, d) -> {
                v.put(n, d);
                t.put(n, ParamType.NUMBER);
            });
            for (PackParameter pp : p.parameters().values()) {
                v.put(pp.name(), pp.defaultValue());
                t.put(pp.name(), pp.type());
            }
            values.put(p.id(), v);
            types.put(p.id(), t);
        }
    }

    /**
     * Sets each override (in name order) in every pack that has the parameter, or in the pack it names.
     *
     * @throws IllegalArgumentException naming a value of the wrong type, or every name no pack has (with the known ones)
     */
    ParameterTable override(Map<String, Object> overrides) {
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, Object> o : new TreeMap<>(overrides).entrySet()) {
            String k = o.getKey();
            int colon = k.indexOf(':');
            String name = colon >= 0 ? k.substring(colon + 1) : k;
            List<String> targets = targets(colon >= 0 ? k.substring(0, colon) : null, name);
            if (targets.isEmpty()) {
                unknown.add(k);
            }
            for (String packId : targets) {
                set(packId, name, o.getValue());
            }
        }
        if (!unknown.isEmpty()) {
            List<String> known = new ArrayList<>();
            types.forEach((packId, t) -> t.keySet().forEach(n -> known.add(packId + ":" + n)));
            throw new IllegalArgumentException("unknown parameter(s) " + unknown + "; known: " + known);
        }
        return this;
    }

    /** The packs with parameter {@code name}: pack {@code packId} only when it is given (not null). */
    private List<String> targets(String packId, String name) {
        List<String> targets = new ArrayList<>();
        if (packId != null) {
            if (types.containsKey(packId) && types.get(packId).containsKey(name)) {
                targets.add(packId);
            }
            return targets;
        }
        types.forEach((id, t) -> {
            if (t.containsKey(name)) {
                targets.add(id);
            }
        });
        return targets;
    }

    private void set(String packId, String name, Object value) {
        ParamType type = types.get(packId).get(name);
        Object v;
        try {
            v = type.coerce(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter " + packId + ":" + name + ": " + e.getMessage(), e);
        }
        values.get(packId).put(name, v);
    }

    /** One {@link Param} per pack and name, packs in the order given, names in the pack's order. */
    List<Param> params() {
        List<Param> out = new ArrayList<>();
        values.forEach((packId, v) -> v.forEach((n, val) -> out.add(Param.of(packId, n, val))));
        return out;
    }
}
