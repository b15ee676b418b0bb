package dev.perfwarden.engine.restrict;

import dev.perfwarden.engine.restrict.TypeScope.TypeRef;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.ast.descr.TypeFieldDescr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The restricted check of a DRL file's {@code declare}s (RestrictedChecker's package level). Its work is linear in
 * the file: one pass indexes the lines that start like a field ({@code name :}), and a field's line is a binary
 * search in its name's list (attack probe 14 made the old check split the whole file once per field: 20,000 fields,
 * two minutes). A declaration with more than {@link #MAX_FIELDS} fields is refused before its fields are checked.
 */
final class DeclareCheck {
    /** The most fields a declared type may have (a record of a few values; the built-in facts have at most 20). */
    static final int MAX_FIELDS = 64;
    private static final Pattern FIELD_START = Pattern.compile("^\\s*([A-Za-z_$][A-Za-z0-9_$]*)\\s*:");

    private final RestrictedChecker c;
    /** Field-like name → the 1-based lines that start with it, ascending; built on first use. */
    private Map<String, List<Integer>> fieldLines;
    /** Lines indexed plus search steps: the work done (a test shows it grows linearly). */
    private final long[] work = new long[1];

    DeclareCheck(RestrictedChecker c) {
        this.c = c;
    }

    /**
     * Why {@code name} may not be declared though the declaring file cannot name it (attack2 probes 01, 02, 05:
     * {@code declare ProfileSummary end} in a file that does not import it, while another file does, made {@code new
     * ProfileSummary(..)} a forged fact; {@code declare Thread end} a java.lang.Thread), or null.
     */
    private String taken(String name) {
        if (c.lib().imported().contains(name)) {
            return "imported by a file of the pack";
        }
        try {
            Class.forName("java.lang." + name, false, null);
            return "the name of java.lang." + name;
        } catch (ClassNotFoundException | LinkageError e) {
            // not java.lang's
        }
        return c.model().reservedSimpleName(name) ? "the name of a fact-model or reporting-API type, or of an allowed"
                + " java.util type" : null;
    }

    /**
     * {@code declare NAME field : TYPE ... end}: a plain value type of the pack's own package. Its fields may
     * only have the types a rule may name (primitives, String and the boxed numbers, fact-model types,
     * java.util collections, other declared types); no default values (they are code run at every creation),
     * no supertype (its constructor would run), no trait, no annotation but {@code @key} and {@code @position}
     * on fields (an annotation is a class the generated type would load), and no name a rule can already
     * see (a declaration of an existing name adds to that class): not in this file, nor through another file's
     * import (Drools shares one package's imports across its files), nor in java.lang.
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
        String taken = taken(name);
        if (taken != null) {
            c.problemAtLine(line, 0, what + " is not allowed: " + name + " is " + taken + ", and Drools' imports hold for"
                    + " every file of a package (java.lang's everywhere): the declaration would re-declare that class,"
                    + " and 'new " + name + "(...)' in any file would create it; name the type otherwise");
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
        if (t.getFields().size() > MAX_FIELDS) {
            c.problemAtLine(line, 0, what + " has " + t.getFields().size() + " fields: not allowed, a declared type"
                    + " may have at most " + MAX_FIELDS + " (a value of a few fields; split it)");
            return;
        }
        for (TypeFieldDescr f : t.getFields().values()) {
            field(f, fieldLine(line, f.getFieldName()), what, t.getFields().size());
        }
    }

    /** Whether {@code @key} has no value and {@code @position} one integer index below {@code fields}. */
    private static boolean annotationValueFits(AnnotationDescr a, int fields) {
        if (a.getName().equals("key")) {
            return !a.hasValue();
        }
        String v = a.getValueMap().size() == 1 && a.getSingleValue() != null ? String.valueOf(a.getSingleValue()).strip()
                : "";
        return v.matches("\\d{1,2}") && Integer.parseInt(v) < fields;
    }

    /** One field of a declaration with {@code fields} fields, at line {@code fl}. */
    private void field(TypeFieldDescr f, int fl, String what, int fields) {
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
            } else if (!annotationValueFits(a, fields)) {
                // Drools reads @position's value with Integer.valueOf and uses it as a bit index (attack2 probe 09:
                // @position(x), @position(-1) made it throw out of the build, an internal error)
                c.problemAtLine(fl, 0, "@" + a.getName() + " on field '" + f.getFieldName() + "' of " + what
                        + (a.getName().equals("key") ? " takes no value" : " must be a field index from 0 to "
                        + (fields - 1) + ", not '" + a.getSingleValueAsString() + "'"));
            }
        }
    }

    /** The line of a declaration's field ({@code name :}) at or after the {@code declare} line. */
    private int fieldLine(int declareLine, String field) {
        if (fieldLines == null) {
            fieldLines = index(c.drl(), work);
        }
        return fieldLine(fieldLines, declareLine, field, work);
    }

    /** Field-like name → the 1-based lines of {@code drl} that start with it ({@code name :}), ascending. */
    static Map<String, List<Integer>> index(String drl, long[] work) {
        Map<String, List<Integer>> out = new HashMap<>();
        Matcher m = FIELD_START.matcher(drl);
        int n = 1;
        for (int start = 0; start <= drl.length(); n++) {
            int end = drl.indexOf('\n', start);
            m.region(start, end < 0 ? drl.length() : end);
            if (m.lookingAt()) {
                out.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(n);
            }
            work[0]++;
            start = end < 0 ? drl.length() + 1 : end + 1;
        }
        return out;
    }

    /** The first line of {@code field} at or after {@code declareLine} in {@code index}, else {@code declareLine}. */
    static int fieldLine(Map<String, List<Integer>> index, int declareLine, String field, long[] work) {
        List<Integer> at = index.getOrDefault(field, List.of());
        int lo = 0;
        int hi = at.size();
        while (lo < hi) {
            work[0]++;
            int mid = (lo + hi) >>> 1;
            if (at.get(mid) < declareLine) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < at.size() ? at.get(lo) : declareLine;
    }

    private static final Pattern DECLARED_NAME = Pattern.compile("[A-Z][A-Za-z0-9_]*");
    private static final Set<String> FIELD_ANNOTATIONS = Set.of("key", "position");
}
