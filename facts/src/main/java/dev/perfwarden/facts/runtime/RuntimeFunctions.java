package dev.perfwarden.facts.runtime;

import dev.perfwarden.facts.symbols.Symbols;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one table of Go runtime functions, read from {@code runtime-functions.txt} beside this class:
 * for each function (or name prefix) the category of a call to it in machine code (a
 * {@code RuntimeCall} fact: alloc, boxing, string-build, write-barrier …) and the profile buckets its
 * frames count in (allocator, gc, scheduler, profiler). The file says, row by row, what the runtime
 * source shows each function does.
 */
public final class RuntimeFunctions {
    /** The call category of a runtime function that none of the table's categories fits. */
    public static final String OTHER = "other";
    /** The categories a row may name. */
    public static final Set<String> CATEGORIES = Set.of("alloc", "boxing", "growslice", "string-build",
            "write-barrier", "bounds-panic", "defer", "recover", "morestack", "map", "chan", "type-assert", "panic");
    private static final String RESOURCE = "runtime-functions.txt";

    /** Where a sample of a CPU profile is spent, counted once per bucket when any frame of its stack is in it. */
    public enum Bucket {
        ALLOCATOR, GC, SCHEDULER, PROFILER;

        public int bit() {
            return 1 << ordinal();
        }

        /** The facet name in the table. */
        public String facet() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One row of the table. */
    public record Row(String name, boolean prefix, String category, Set<Bucket> buckets, int line) {
        boolean matches(String n) {
            return prefix ? n.startsWith(name) : n.equals(name);
        }
    }

    private static final List<Row> ROWS = load();
    private static final Map<String, String> EXACT_CATEGORY = new HashMap<>();
    private static final List<Row> PREFIX_CATEGORY = new ArrayList<>();
    private static final Map<String, Integer> EXACT_BUCKETS = new HashMap<>();
    private static final List<Row> PREFIX_BUCKETS = new ArrayList<>();

    static {
        for (Row r : ROWS) {
            if (!r.category().isEmpty()) {
                if (r.prefix()) {
                    PREFIX_CATEGORY.add(r);
                } else {
                    EXACT_CATEGORY.put(r.name(), r.category());
                }
            }
            if (!r.buckets().isEmpty()) {
                int m = 0;
                for (Bucket b : r.buckets()) {
                    m |= b.bit();
                }
                if (r.prefix()) {
                    PREFIX_BUCKETS.add(r);
                } else {
                    EXACT_BUCKETS.merge(r.name(), m, (a, b) -> a | b);
                }
            }
        }
    }

    private RuntimeFunctions() {
    }

    /** The rows, in file order. */
    public static List<Row> rows() {
        return ROWS;
    }

    /**
     * Whether a canonical callee is a runtime function: package {@code runtime}, or under
     * {@code internal/runtime/} (1.22+) or {@code runtime/internal/} (older).
     */
    public static boolean isRuntime(String callee) {
        return callee.startsWith("runtime.") || callee.startsWith("internal/runtime/")
                || callee.startsWith("runtime/internal/");
    }

    /**
     * The category of a call to a canonical runtime callee: its exact row's, else the first matching
     * prefix row's; {@code map} for any other function of {@code internal/runtime/maps}; else {@link #OTHER}.
     */
    public static String category(String callee) {
        String pkg = Symbols.packageOf(callee);
        String name = callee.length() > pkg.length() ? callee.substring(pkg.length() + 1) : callee;
        String c = EXACT_CATEGORY.get(name);
        if (c != null) {
            return c;
        }
        for (Row r : PREFIX_CATEGORY) {
            if (r.matches(name)) {
                return r.category();
            }
        }
        if (pkg.equals("internal/runtime/maps")) {
            return "map";
        }
        return OTHER;
    }

    /**
     * The write-barrier functions that also do the memory operation the store needs anyway (Go 1.26.8
     * runtime/mbarrier.go): {@code memclrHasPointers} is {@code bulkBarrierPreWrite} then
     * {@code memclrNoHeapPointers}; {@code typedmemmove}, {@code typedslicecopy} are the barrier then
     * {@code memmove}; {@code typedmemclr} the barrier then {@code memclrNoHeapPointers};
     * {@code reflect_typedmemmove} calls {@code typedmemmove}. Only the barrier functions they call
     * ({@code bulkBarrierPreWrite}...) are the barrier's cost; {@code clear(s)} of a pointer slice clears memory
     * with or without a barrier. The pure barrier functions ({@code gcWriteBarrier*}, {@code wbZero}, {@code wbMove},
     * {@code bulkBarrierPreWrite*}, {@code atomicwb}) do nothing else.
     */
    private static final Set<String> BARRIER_WITH_OPERATION = Set.of("memclrHasPointers", "typedmemmove",
            "typedmemclr", "typedslicecopy", "reflect_typedmemmove");

    /**
     * Whether {@code function} (a name as pprof prints it) is a write-barrier function that does the clearing or
     * copying besides the barrier ({@link #BARRIER_WITH_OPERATION}): its samples outside the barrier functions it
     * calls are the operation's, not the barrier's.
     */
    public static boolean barrierWithOperation(String function) {
        return function.startsWith("runtime.") && BARRIER_WITH_OPERATION.contains(function.substring(8));
    }

    /** The buckets of {@code function} (a name as pprof prints it, package {@code runtime} only), as bits. */
    public static int bucketMask(String function) {
        if (!function.startsWith("runtime.")) {
            return 0;
        }
        String name = function.substring("runtime.".length());
        int m = EXACT_BUCKETS.getOrDefault(name, 0);
        for (Row r : PREFIX_BUCKETS) {
            if (r.matches(name)) {
                for (Bucket b : r.buckets()) {
                    m |= b.bit();
                }
            }
        }
        return m;
    }

    /** Whether {@code function} (a name as pprof prints it) belongs to {@code bucket}. */
    public static boolean inBucket(Bucket bucket, String function) {
        return (bucketMask(function) & bucket.bit()) != 0;
    }

    private static List<Row> load() {
        try (InputStream in = RuntimeFunctions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the table; a malformed row is a build defect, reported with its line. */
    static List<Row> parse(BufferedReader r) throws IOException {
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        String s;
        int n = 0;
        while ((s = r.readLine()) != null) {
            n++;
            String t = s.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] f = t.split("\\s+");
            if (f.length != 3) {
                throw new IllegalStateException(RESOURCE + ":" + n + ": want NAME CATEGORY FACETS, got: " + t);
            }
            String category = f[1].equals("-") ? "" : f[1];
            if (!category.isEmpty() && !CATEGORIES.contains(category)) {
                throw new IllegalStateException(RESOURCE + ":" + n + ": unknown category " + category);
            }
            Set<Bucket> buckets = EnumSet.noneOf(Bucket.class);
            if (!f[2].equals("-")) {
                for (String facet : f[2].split(",")) {
                    buckets.add(bucket(facet, n));
                }
            }
            Integer before = seen.put(f[0], n);
            if (before != null) {
                throw new IllegalStateException(RESOURCE + ":" + n + ": " + f[0] + " already on line " + before);
            }
            boolean prefix = f[0].endsWith("*");
            String name = prefix ? f[0].substring(0, f[0].length() - 1) : f[0];
            rows.add(new Row(name, prefix, category, Collections.unmodifiableSet(buckets), n));
        }
        return List.copyOf(rows);
    }

    private static Bucket bucket(String facet, int line) {
        for (Bucket b : Bucket.values()) {
            if (b.facet().equals(facet)) {
                return b;
            }
        }
        throw new IllegalStateException(RESOURCE + ":" + line + ": unknown facet " + facet);
    }
}
