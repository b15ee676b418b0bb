package dev.perfwarden.engine.pack;

import java.util.Objects;

/**
 * A tunable of a pack, declared in {@code pack.yaml} under {@code parameters}. Rules read it through the
 * {@code Param} fact the engine inserts for it ({@code Param(pack == "go-perf", name == "...", $v : number)}).
 *
 * @param name         dotted name, e.g. {@code hot.function.cumShare}
 * @param type         number, string or boolean
 * @param defaultValue already coerced: {@link Double}, {@link String} or {@link Boolean}
 * @param description  one line for {@code packs show}
 */
public record PackParameter(String name, ParamType type, Object defaultValue, String description)
        implements java.io.Serializable {
    public PackParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        defaultValue = type.coerce(defaultValue);
        description = description == null ? "" : description;
    }
}
