package dev.perfwarden.facts.source;

import dev.perfwarden.facts.core.SourcePaths;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;

/**
 * Whether a Go file is part of a build for one target: its name ({@code x_linux.go},
 * {@code x_windows_arm64.go}) and its {@code //go:build} line. Enough to number {@code init}
 * functions and package-level closures like the compiler does (files it never sees must not
 * count). Tags known to be true: the target's GOOS and GOARCH, {@code unix} for Unix systems,
 * {@code gc}, {@code go1.N}, and {@code cgo} when the target says so; every other tag (custom,
 * {@code ignore}, {@code goexperiment.*}, {@code race}, …) is false.
 */
public record BuildConstraints(String goos, String goarch, boolean cgo) {
    /** What most captures use: linux/amd64 without cgo (the capture scripts set CGO_ENABLED=0). */
    public static final BuildConstraints DEFAULT = new BuildConstraints("linux", "amd64", false);

    static final Set<String> GOOS = Set.of("aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos",
            "ios", "js", "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos");
    static final Set<String> UNIX = Set.of("aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos",
            "ios", "linux", "netbsd", "openbsd", "solaris");
    static final Set<String> GOARCH = Set.of("386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be",
            "loong64", "mips", "mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc", "ppc64", "ppc64le",
            "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm");

    /** Whether the file {@code name} with content {@code src} is built for this target. */
    public boolean matches(String name, byte[] src) {
        return matchesName(name) && matchesBuildLine(buildLine(src));
    }

    // written out, as the record's own would be: see SourcePos (GoSourceIndex keys its cache with toString)
    @Override
    public boolean equals(Object o) {
        return o instanceof BuildConstraints b && cgo == b.cgo && Objects.equals(goos, b.goos)
                && Objects.equals(goarch, b.goarch);
    }

    @Override
    public int hashCode() {
        return (Objects.hashCode(goos) * 31 + Objects.hashCode(goarch)) * 31 + Boolean.hashCode(cgo);
    }

    @Override
    public String toString() {
        return "BuildConstraints[goos=" + goos + ", goarch=" + goarch + ", cgo=" + cgo + "]";
    }

    boolean matchesName(String path) {
        String n = SourcePaths.base(path);
        if (n.endsWith(".go")) {
            n = n.substring(0, n.length() - 3);
        }
        if (n.endsWith("_test")) {
            n = n.substring(0, n.length() - 5);
        }
        String[] parts = n.split("_");
        if (parts.length < 2) {
            return true;
        }
        String last = parts[parts.length - 1];
        String prev = parts.length >= 3 ? parts[parts.length - 2] : null;
        if (prev != null && GOOS.contains(prev) && GOARCH.contains(last)) {
            return tag(prev) && last.equals(goarch);
        }
        if (GOOS.contains(last)) {
            return tag(last);
        }
        if (GOARCH.contains(last)) {
            return last.equals(goarch);
        }
        return true;
    }

    /** The {@code //go:build} expression before the package clause, "" when none. */
    static String buildLine(byte[] src) {
        int i = 0;
        int n = Math.min(src.length, 1 << 16);
        boolean inBlock = false;
        while (i < n) {
            int e = i;
            while (e < n && src[e] != '\n') {
                e++;
            }
            String line = new String(src, i, e - i, StandardCharsets.UTF_8).strip();
            i = e + 1;
            if (inBlock) {
                if (line.contains("*/")) {
                    inBlock = false;
                }
                continue;
            }
            if (line.startsWith("//go:build ")) {
                return line.substring(11).strip();
            }
            if (line.startsWith("/*")) {
                inBlock = !line.contains("*/");
                continue;
            }
            if (line.isEmpty() || line.startsWith("//")) {
                continue;
            }
            break; // the package clause or anything else: constraints must come before it
        }
        return "";
    }

    boolean matchesBuildLine(String expr) {
        if (expr.isEmpty()) {
            return true;
        }
        try {
            Expr p = new Expr(expr);
            boolean v = p.or();
            return p.pos >= expr.length() ? v : true;
        } catch (RuntimeException e) {
            return true; // unreadable: assume built
        }
    }

    boolean tag(String t) {
        if (t.equals(goos) || t.equals(goarch) || t.equals("gc")) {
            return true;
        }
        if (t.equals("unix")) {
            return UNIX.contains(goos);
        }
        if (t.equals("linux") && goos.equals("android") || t.equals("darwin") && goos.equals("ios")
                || t.equals("solaris") && goos.equals("illumos")) {
            return true;
        }
        if (t.equals("cgo")) {
            return cgo;
        }
        return t.startsWith("go1.");
    }

    /** {@code ||}, {@code &&}, {@code !}, parentheses and tags. */
    private final class Expr {
        final String s;
        int pos;

        Expr(String s) {
            this.s = s;
        }

        void ws() {
            while (pos < s.length() && s.charAt(pos) == ' ' || pos < s.length() && s.charAt(pos) == '\t') {
                pos++;
            }
        }

        boolean or() {
            boolean v = and();
            ws();
            while (s.startsWith("||", pos)) {
                pos += 2;
                boolean r = and();
                v = v || r;
                ws();
            }
            return v;
        }

        boolean and() {
            boolean v = not();
            ws();
            while (s.startsWith("&&", pos)) {
                pos += 2;
                boolean r = not();
                v = v && r;
                ws();
            }
            return v;
        }

        boolean not() {
            ws();
            if (pos < s.length() && s.charAt(pos) == '!') {
                pos++;
                return !not();
            }
            if (pos < s.length() && s.charAt(pos) == '(') {
                pos++;
                boolean v = or();
                ws();
                if (pos < s.length() && s.charAt(pos) == ')') {
                    pos++;
                }
                return v;
            }
            int st = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_'
                    || s.charAt(pos) == '.')) {
                pos++;
            }
            if (st == pos) {
                throw new IllegalArgumentException("bad //go:build expression");
            }
            return tag(s.substring(st, pos));
        }
    }
}
