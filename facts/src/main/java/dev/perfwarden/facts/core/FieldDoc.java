package dev.perfwarden.facts.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One line for the rule reference about a field (a record component) of a {@link FactDoc} fact type. Fields
 * every fact shares ({@code symbol}, {@code file}, {@code line}, …) are described once, by the reference.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface FieldDoc {
    String value();
}
