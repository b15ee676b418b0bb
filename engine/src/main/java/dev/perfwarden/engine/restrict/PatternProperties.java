package dev.perfwarden.engine.restrict;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The properties a constraint may name bare ({@code line > 3} on a pattern of a fact type): record components and
 * getters of the pattern's type that the fact model allows, never a banned member.
 */
final class PatternProperties {
    private PatternProperties() {
    }

    /** Whether {@code name} is a property of the pattern's type (or of any fact-model type when unknown). */
    static boolean has(FactModel model, Class<?> patternType, String name) {
        if (FactModel.BANNED_MEMBERS.contains(name)) {
            return false;
        }
        if (patternType == null) {
            return model.member(name);
        }
        String cap = name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (java.lang.reflect.Method m : patternType.getMethods()) {
            if (m.getParameterCount() == 0 && m.getDeclaringClass() != Object.class && (m.getName().equals(name)
                    || m.getName().equals("get" + cap) || m.getName().equals("is" + cap))) {
                return model.member(m.getName());
            }
        }
        for (java.lang.reflect.Field f : patternType.getFields()) {
            if (f.getName().equals(name)) {
                return model.member(name);
            }
        }
        return false;
    }

    /** The property names a constraint on {@code type} may use (record components and getters), sorted. */
    static List<String> names(FactModel model, Class<?> type) {
        Set<String> out = new TreeSet<>();
        for (java.lang.reflect.Method m : type.getMethods()) {
            if (m.getParameterCount() != 0 || m.getDeclaringClass() == Object.class
                    || java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String n = m.getName();
            if (n.startsWith("get") && n.length() > 3) {
                n = Character.toLowerCase(n.charAt(3)) + n.substring(4);
            } else if (n.startsWith("is") && n.length() > 2 && Character.isUpperCase(n.charAt(2))) {
                n = Character.toLowerCase(n.charAt(2)) + n.substring(3);
            }
            if (has(model, type, n)) {
                out.add(n);
            }
        }
        return List.copyOf(out);
    }
}
