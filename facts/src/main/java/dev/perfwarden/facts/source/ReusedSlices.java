package dev.perfwarden.facts.source;

import dev.perfwarden.facts.asm.RuntimeCall;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.SourcePaths;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the {@link ReusedSlice}s of a run: for every line where the machine code calls {@code runtime.growslice}
 * ({@link RuntimeCall} of category {@code growslice}) in a file of an index, the {@code append}s on that line whose
 * slice the sources also truncate to length 0. Only the files holding such lines, and for a field the other files
 * of their package, are read and scanned ({@link GoScanner}); a file that cannot be read gives no fact.
 *
 * <p>A truncation is {@code E[:0]} or {@code E[0:0]} anywhere (so {@code E = E[:0]}, {@code append(E[:0], …)}
 * and {@code f(E[:0])} alike), plus the single left-hand side {@code L} of {@code L = E[:0]},
 * {@code L := E[:0]} or {@code L = append(E[:0], …)}. {@code E} and {@code L} are a name or a selector chain
 * ({@code x.f}, {@code x.a.f}, or {@code expr.f} after an index or a call); a chain's first name is the variable,
 * the rest the field path. The append's slice is its first argument in the same form.
 */
public final class ReusedSlices {
    private ReusedSlices() {
    }

    /** A slice expression at a position: a field path (by name) or a variable name. */
    private record Use(String file, int line, int col, String path, boolean field, String text) {
    }

    /** One scanned file: its appends and its truncations. */
    private record Scanned(List<Use> appends, List<Use> resets) {
    }

    /** The facts for the growslice lines among {@code facts} (module-relative files), from {@code indexes}. */
    public static List<ReusedSlice> of(List<? extends Fact> facts, List<GoSourceIndex> indexes) {
        Map<String, Set<Integer>> lines = RuntimeCallLines.of(facts, RuntimeCall.GROWSLICE, false);
        List<ReusedSlice> out = new ArrayList<>();
        for (GoSourceIndex idx : lines.isEmpty() ? List.<GoSourceIndex>of() : indexes) {
            Map<String, Optional<Scanned>> scanned = new HashMap<>();
            for (Map.Entry<String, Set<Integer>> e : lines.entrySet()) {
                if (idx.file(e.getKey()).isEmpty()) {
                    continue;
                }
                Optional<Scanned> s = scanned.computeIfAbsent(e.getKey(), f -> scan(idx, f));
                for (Use a : s.map(Scanned::appends).orElse(List.of())) {
                    if (e.getValue().contains(a.line())) {
                        reset(idx, a, scanned).ifPresent(r -> out.add(new ReusedSlice(a.file(), a.line(), a.text(),
                                r.file(), r.line(), a.field())));
                    }
                }
            }
        }
        return out;
    }

    /** The truncation cited for append {@code a}: in its function, else the nearest in its file, else the package's first. */
    private static Optional<Use> reset(GoSourceIndex idx, Use a, Map<String, Optional<Scanned>> scanned) {
        List<String> files = new ArrayList<>();
        files.add(a.file());
        if (a.field()) {
            GoSourceIndex.GoFile own = idx.file(a.file()).orElseThrow();
            String dir = SourcePaths.dir(a.file());
            for (GoSourceIndex.GoFile g : idx.files().values()) {
                if (!g.path().equals(a.file()) && g.built() && !g.test() && g.pkgName().equals(own.pkgName())
                        && SourcePaths.dir(g.path()).equals(dir)) {
                    files.add(g.path());
                }
            }
        }
        Optional<GoSourceIndex.Func> fn = outer(idx, a.file(), a.line(), a.col());
        List<Use> candidates = new ArrayList<>();
        for (String f : files) {
            for (Use r : scanned.computeIfAbsent(f, x -> scan(idx, x)).map(Scanned::resets).orElse(List.of())) {
                boolean same = a.field() ? r.field() && sameField(a.path(), r.path())
                        : !r.field() && r.path().equals(a.path()) && r.file().equals(a.file())
                          && fn.isPresent() && fn.equals(outer(idx, r.file(), r.line(), r.col()));
                if (same) {
                    candidates.add(r);
                }
            }
        }
        Comparator<Use> rank = Comparator
                .comparing((Use r) -> !(r.file().equals(a.file()) && fn.isPresent()
                        && fn.equals(outer(idx, r.file(), r.line(), r.col()))))
                .thenComparing(r -> !r.file().equals(a.file()))
                .thenComparing(r -> r.line() > a.line()) // one before the append first
                .thenComparingInt(r -> r.file().equals(a.file()) ? Math.abs(a.line() - r.line()) : 0)
                .thenComparing(Use::file).thenComparingInt(Use::line);
        return candidates.stream().min(rank);
    }

    /** Field paths name the same field when the shorter is a suffix of the longer, by elements. */
    static boolean sameField(String a, String b) {
        String longer = a.length() >= b.length() ? a : b;
        String shorter = longer == a ? b : a;
        return longer.equals(shorter) || longer.endsWith("." + shorter);
    }

    /** The function declaration holding a position (a literal only outside every declaration: the outermost). */
    private static Optional<GoSourceIndex.Func> outer(GoSourceIndex idx, String file, int line, int col) {
        GoSourceIndex.Func best = null;
        for (GoSourceIndex.Func f : idx.file(file).map(GoSourceIndex.GoFile::funcs).orElse(List.of())) {
            if (f.contains(line, col) && (best == null || best.literal() && !f.literal()
                    || best.literal() == f.literal() && (f.line() < best.line()
                    || f.line() == best.line() && f.col() < best.col()))) {
                best = f;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Optional<Scanned> scan(GoSourceIndex idx, String rel) {
        byte[] src;
        try {
            src = Files.readAllBytes(idx.moduleRoot().resolve(rel));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // the fact is an addition: no source, no fact
        }
        return Optional.of(new FileScan(rel, src).run());
    }

    /** The token walk over one file. */
    private static final class FileScan {
        private final String rel;
        private final byte[] src;
        private final List<GoScanner.Token> t;
        private final int[] lineStarts;

        FileScan(String rel, byte[] src) {
            this.rel = rel;
            this.src = src;
            this.t = GoScanner.scan(src);
            List<Integer> starts = new ArrayList<>();
            starts.add(0);
            for (int i = 0; i < src.length; i++) {
                if (src[i] == '\n') {
                    starts.add(i + 1);
                }
            }
            this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }

        Scanned run() {
            List<Use> appends = new ArrayList<>();
            List<Use> resets = new ArrayList<>();
            for (int i = 0; i + 1 < t.size(); i++) {
                int zero = truncation(i);
                if (zero > 0) {
                    truncated(i, resets);
                } else if (t.get(i).is("append") && t.get(i + 1).is("(") && (i == 0 || !t.get(i - 1).is("."))) {
                    appended(i, appends);
                }
            }
            return new Scanned(List.copyOf(appends), List.copyOf(resets));
        }

        /** The length of {@code [:0]} or {@code [0:0]} starting at token {@code i}, else 0. */
        private int truncation(int i) {
            if (!t.get(i).is("[") || i + 3 >= t.size()) {
                return 0;
            }
            if (t.get(i + 1).is(":") && zero(i + 2) && t.get(i + 3).is("]")) {
                return 4;
            }
            return i + 4 < t.size() && zero(i + 1) && t.get(i + 2).is(":") && zero(i + 3) && t.get(i + 4).is("]")
                    ? 5 : 0;
        }

        /** Token {@code i} is the literal {@code 0}. */
        private boolean zero(int i) {
            GoScanner.Token z = t.get(i);
            if (z.kind() != GoScanner.Kind.NUMBER || z.line() > lineStarts.length) {
                return false;
            }
            int at = lineStarts[z.line() - 1] + z.col() - 1;
            if (at >= src.length || src[at] != '0') {
                return false;
            }
            return at + 1 >= src.length || !Character.isLetterOrDigit(src[at + 1]) && src[at + 1] != '_'
                    && src[at + 1] != '.';
        }

        /** {@code E[:0]} with {@code [} at {@code bracket}: E, and the single left-hand side it is assigned to. */
        private void truncated(int bracket, List<Use> resets) {
            int start = chainStart(bracket - 1);
            if (start < 0) {
                return;
            }
            resets.add(use(start, bracket - 1, ""));
            if (start > 0 && t.get(start - 1).is(".")) {
                return; // the operand is an expression's field: where it starts is not known here
            }
            int s = start;
            if (s >= 2 && t.get(s - 1).is("(") && t.get(s - 2).is("append")) {
                s -= 2;
            }
            if (s < 2 || !(t.get(s - 1).is("=") || t.get(s - 1).is(":="))) {
                return;
            }
            int lhs = chainStart(s - 2);
            if (lhs >= 0 && (lhs == 0 || boundary(t.get(lhs - 1)))) {
                resets.add(use(lhs, s - 2, ""));
            }
        }

        private static boolean boundary(GoScanner.Token b) {
            return b.kind() == GoScanner.Kind.SEMI || b.is("{") || b.is("}") || b.is("var") || b.is(":");
        }

        /** {@code append(E, …)} at token {@code i}: E as the first argument, a name or a selector chain. */
        private void appended(int i, List<Use> appends) {
            int k = i + 2;
            int depth = 0;
            int end = k;
            for (; end < t.size(); end++) {
                GoScanner.Token x = t.get(end);
                if (x.kind() == GoScanner.Kind.EOF || depth == 0 && (x.is(",") || x.is(")"))) {
                    break;
                }
                if (x.is("(") || x.is("[") || x.is("{")) {
                    depth++;
                } else if (x.is(")") || x.is("]") || x.is("}")) {
                    depth--;
                }
            }
            if (end >= t.size() || end == k) {
                return;
            }
            int last = end - 1;
            if (last - 3 >= k && truncation(last - 3) == 4) {
                last -= 4;
            } else if (last - 4 >= k && truncation(last - 4) == 5) {
                last -= 5;
            }
            int start = chainStart(last);
            if (start < k || start > k && !t.get(start - 1).is(".")) {
                return;
            }
            Use u = use(start, last, text(k, end));
            appends.add(new Use(rel, t.get(i).line(), t.get(i).col(), u.path(), u.field(), u.text()));
        }

        /** The first token of the name chain {@code a.b.c} ending at token {@code last}, or -1. */
        private int chainStart(int last) {
            return FieldAppends.chainStart(t, last);
        }

        /** The chain from {@code start} to {@code last} as a field path or a variable name. */
        private Use use(int start, int last, String text) {
            List<String> names = new ArrayList<>();
            for (int j = start; j <= last; j += 2) {
                names.add(t.get(j).text());
            }
            boolean ofExpression = start > 0 && t.get(start - 1).is(".");
            boolean field = ofExpression || names.size() > 1;
            String path = String.join(".", ofExpression ? names : names.subList(field ? 1 : 0, names.size()));
            GoScanner.Token first = t.get(start);
            return new Use(rel, first.line(), first.col(), path, field, text);
        }

        /** The source from token {@code from} up to token {@code to}, white space collapsed. */
        private String text(int from, int to) {
            int a = offset(t.get(from));
            int b = Math.max(a, offset(t.get(to)));
            return new String(src, a, b - a, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        }

        private int offset(GoScanner.Token x) {
            return Math.min(src.length, lineStarts[Math.min(x.line(), lineStarts.length) - 1] + x.col() - 1);
        }
    }
}
