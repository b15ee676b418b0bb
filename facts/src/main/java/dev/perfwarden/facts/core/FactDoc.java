package dev.perfwarden.facts.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A fact type as the YAML policy language and the rule reference (docs/rules.md) name and describe it. The
 * name is part of the policy language: never rename one, only add. The record's components are its fields;
 * {@link FieldDoc} describes them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FactDoc {
    /** Stable short name ({@code escape}, {@code runtime-call}). */
    String name();

    /** One sentence for the reference. */
    String value();

    /** The input kinds that produce it ({@code escape-text}, {@code pprof}, …). */
    String[] inputs();
}
