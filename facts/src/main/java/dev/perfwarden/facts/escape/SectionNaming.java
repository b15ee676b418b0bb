package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.core.CompilerNames;
import dev.perfwarden.facts.core.SourcePaths;
import dev.perfwarden.facts.source.PackageDirs;
import dev.perfwarden.facts.symbols.Symbols;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** How a {@code # pkg} section qualifies compiler names, known once the whole section has been read. */
final class SectionNaming {
    final String pkg;
    final String prefix;
    final PackageDirs dirs;
    final Set<String> localRoots;

    SectionNaming(String pkg, String prefix, PackageDirs dirs, Set<String> localRoots) {
        this.pkg = pkg;
        this.prefix = prefix;
        this.dirs = dirs;
        this.localRoots = localRoots;
    }

    /** The symbol prefix of the package owning {@code file}: this section's, or the one its directory implies. */
    String prefixFor(String file) {
        if (file.isEmpty() || SourcePaths.pseudo(file)) {
            return prefix;
        }
        String dir = SourcePaths.dir(file);
        if (dir.equals(dirs.mainDir())) {
            return prefix;
        }
        String p = dirs.importPathOf(dir);
        return p.isEmpty() ? prefix : p;
    }

    /**
     * Canonical symbol of a name the compiler printed as the function a line is about
     * ({@code can inline F}, {@code in F}): qualified with the package owning the line's file,
     * unless it carries a foreign package qualifier ({@code sub.Gen[…]}, {@code fmt.Println}).
     */
    String declared(String name, String file) {
        if (name.isEmpty()) {
            return "";
        }
        NameInFile k = new NameInFile(name, file);
        String d = declaredMemo.get(k);
        if (d == null) {
            d = declaredNow(name, file);
            declaredMemo.put(k, d);
        }
        return d;
    }

    /** Names repeat over a section's lines: each (name, file) is qualified once. */
    private final Map<NameInFile, String> declaredMemo = new HashMap<>();
    private final Map<String, String> calledMemo = new HashMap<>();

    private record NameInFile(String name, String file) {
        // written out: the record's own are bound through method handles (see EscapeSection.SiteKey); only looked up
        @Override
        public boolean equals(Object o) {
            return o instanceof NameInFile n && name.equals(n.name) && file.equals(n.file);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + file.hashCode();
        }
    }

    private String declaredNow(String name, String file) {
        String head = CompilerNames.head(name);
        if (!head.isEmpty() && !localRoots.contains(head)) {
            String dir = SourcePaths.dir(file);
            if (!dir.equals(dirs.mainDir()) && !file.isEmpty()) {
                return Symbols.collapseTypeArgs(name); // pkgname.F, instantiated here
            }
        }
        return Symbols.qualify(prefixFor(file), name);
    }

    /** Canonical symbol of a callee name ({@code inlining call to F}): local names qualified, foreign ones kept. */
    String called(String name) {
        if (name.isEmpty()) {
            return "";
        }
        String c = calledMemo.get(name); // not computeIfAbsent(name, this::calledNow): no call site to link in a cold parse
        if (c == null) {
            c = calledNow(name);
            calledMemo.put(name, c);
        }
        return c;
    }

    private String calledNow(String name) {
        String head = CompilerNames.head(name);
        if (head.isEmpty() || localRoots.contains(head)) {
            return Symbols.qualify(prefix, name);
        }
        return Symbols.collapseTypeArgs(name);
    }
}
