package dev.perfwarden.engine.restrict;

import dev.perfwarden.engine.restrict.TypeScope.TypeRef;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.ast.descr.TypeFieldDescr;

import java.util.Set;
import java.util.regex.Pattern;

/** The restricted check of one {@code declare} (RestrictedChecker's package level). */
final class DeclareCheck {
    private final RestrictedChecker c;

    DeclareCheck(RestrictedChecker c) {
        this.c = c;
    }

    /**
     * {@code declare NAME field : TYPE ... end}: a plain value type of the pack's own package. Its fields may
     * only have the types a rule may name (primitives, String and the boxed numbers, fact-model types,
     * java.util collections, other declared types); no default values (they are code run at every creation),
     * no supertype (its constructor would run), no trait, no annotation but {@code @key} and {@code @position}
     * on fields (an annotation is a class the generated type would load), and no name a rule can already
     * see (a declaration of an existing name adds to that class).
     */
    void declare(String pkg, TypeDeclarationDescr t) {
        int line = t.getLine();
        String name = t.getTypeName();
        String what = "'declare " + name + "'";
        if (t.isTrait()) {
            c.problemAtLine(line, 0, "'declare trait " + name + "' is not allowed");
            return;
        }
        String full = t.getFullTypeName();
        if (!DECLARED_NAME.matcher(name).matches() || !full.equals(name) && !full.equals(pkg + "." + name)) {
            c.problemAtLine(line, 0, what + " is not allowed: a declared type is named by a simple, capitalised name"
                    + " in the pack's own package (" + pkg + ")");
            return;
        }
        if (c.resolveType(name) != null || c.model().factType(pkg, name).isPresent()) {
            c.problemAtLine(line, 0, what + " is not allowed: " + name + " is already a type rules can name; a"
                    + " declaration of an existing type changes that type");
            return;
        }
        if (!t.getSuperTypes().isEmpty()) {
            c.problemAtLine(line, 0, what + " extends " + t.getSuperTypes().get(0) + ": not allowed, a declared type"
                    + " may not extend a class (the class's constructor and methods would run)");
        }
        for (AnnotationDescr a : t.getAnnotations()) {
            c.problemAtLine(a.getLine() > 0 ? a.getLine() : line, 0, "annotation @" + a.getName() + " on " + what
                    + " is not allowed");
        }
        for (TypeFieldDescr f : t.getFields().values()) {
            int fl = fieldLine(line, f.getFieldName());
            String type = f.getPattern() == null ? "" : f.getPattern().getObjectType();
            String raw = type.contains("<") ? type.substring(0, type.indexOf('<')).strip() : type.strip();
            TypeRef ref = RestrictedChecker.PRIMITIVES.contains(raw) || c.lib().declaredTypes().contains(raw) ? null : c.resolveType(raw);
            if (!RestrictedChecker.PRIMITIVES.contains(raw) && !c.lib().declaredTypes().contains(raw)
                    && (ref == null || !(ref.value() || ref.factType() || ref.container()))) {
                c.problemAtLine(fl, 0, "field '" + f.getFieldName() + "' of " + what + " has type '" + type + "', which"
                        + " is not allowed: a declared type's fields may be primitives, String and the boxed numbers,"
                        + " fact-model types, java.util collections or the pack's declared types");
            } else if (type.contains("<")) {
                c.javaCheck(-1, fl, type).signatureType(type);
            }
            for (String a : PackLibrary.accessors(f.getFieldName())) {
                if (FactModel.BANNED_MEMBERS.contains(a)) {
                    c.problemAtLine(fl, 0, "field '" + f.getFieldName() + "' of " + what + " is not allowed: its"
                            + " accessor would be named '" + a + "', which restricted code may never call");
                }
            }
            if (f.getInitExpr() != null && !f.getInitExpr().isBlank()) {
                c.problemAtLine(fl, 0, "field '" + f.getFieldName() + "' of " + what + " has a default value ("
                        + f.getInitExpr().strip() + "): not allowed, a default is code that runs at every creation;"
                        + " pass the value to the constructor");
            }
            for (AnnotationDescr a : f.getAnnotations()) {
                if (!FIELD_ANNOTATIONS.contains(a.getName())) {
                    c.problemAtLine(fl, 0, "annotation @" + a.getName() + " on field '" + f.getFieldName() + "' of "
                            + what + " is not allowed (allowed: @key, @position)");
                }
            }
        }
    }

    /** The line of a declaration's field ({@code name :}) at or after the {@code declare} line. */
    private int fieldLine(int declareLine, String field) {
        String[] lines = c.drl().split("\n", -1);
        Pattern p = Pattern.compile("^\\s*" + Pattern.quote(field) + "\\s*:");
        for (int i = Math.max(0, declareLine - 1); i < lines.length; i++) {
            if (p.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return declareLine;
    }

    private static final Pattern DECLARED_NAME = Pattern.compile("[A-Z][A-Za-z0-9_]*");
    private static final Set<String> FIELD_ANNOTATIONS = Set.of("key", "position");
}
