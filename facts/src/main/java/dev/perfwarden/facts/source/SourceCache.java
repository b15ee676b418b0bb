package dev.perfwarden.facts.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * What the engine builds from a source tree (a module's {@link GoSourceIndex}, its suppression comments),
 * kept for the next analysis in the same JVM while the tree is unchanged: a batch over the packages of
 * one module (or of GOROOT) parses its sources once, not once per bundle.
 *
 * <p>Keyed by the tree's root and what was built from it ({@code kind}: e.g. the index's closure style and
 * build target); a value is used only while the {@link GoTree#stamp() stamp} of the root's files (names,
 * sizes, modification times; walked again on every call) is the one it was built from, else it is built
 * again. Thread-safe: workers asking for the same key at once wait for one build. Bounded: at most
 * {@code maxEntries} values, least recently used dropped first; values must not be changed by their users.
 *
 * <p>A tree without {@code .go} files is built every time and never kept: its build costs nothing, and
 * keeping it would push a real tree out. (A batch's capture folders are source roots without Go files,
 * one per bundle: with two workers, their entries evicted GOROOT's index and suppressions, which were
 * then built again for almost every bundle — 88 % of the bytes allocated, 5x the GC work, 2x the CPU of
 * one worker.)
 */
public final class SourceCache {
    private static final SourceCache SHARED = new SourceCache(Integer.getInteger("perfwarden.sourceCache", 4));

    /** What one build gives, or its failure. */
    private record Entry(String stamp, CompletableFuture<Object> value) {
    }

    private final int maxEntries;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long builds;
    private long hits;

    public SourceCache(int maxEntries) {
        this.maxEntries = Math.max(0, maxEntries);
    }

    /** The JVM's cache (at most 4 trees' values, or {@code -Dperfwarden.sourceCache=N}; 0 turns it off). */
    public static SourceCache shared() {
        return SHARED;
    }

    /** A build from a tree that may fail on reading it. */
    @FunctionalInterface
    public interface Builder<T> {
        T build(GoTree tree) throws IOException;
    }

    /**
     * The value built by {@code build} from {@code tree} under {@code kind}: the kept one when the root's
     * files have the same stamp, else a new build (kept in place of the old one).
     *
     * @throws UncheckedIOException when the build cannot read the tree
     */
    @SuppressWarnings("unchecked")
    public <T> T get(GoTree tree, String kind, Builder<T> build) {
        if (maxEntries == 0 || tree.files().isEmpty()) {
            return run(tree, build);
        }
        String key = tree.root() + "\u0000" + tree.recursive() + "\u0000" + kind;
        CompletableFuture<Object> mine = new CompletableFuture<>();
        Entry e;
        synchronized (this) {
            e = entries.get(key);
            if (e != null && e.stamp().equals(tree.stamp()) && !e.value().isCompletedExceptionally()) {
                hits++;
            } else {
                e = new Entry(tree.stamp(), mine);
                entries.put(key, e);
                builds++;
                for (Iterator<String> it = entries.keySet().iterator(); entries.size() > maxEntries && it.hasNext(); ) {
                    it.next();
                    it.remove();
                }
            }
        }
        if (e.value() == mine) {
            try {
                mine.complete(run(tree, build));
            } catch (RuntimeException | Error x) {
                mine.completeExceptionally(x);
                synchronized (this) {
                    entries.remove(key, e);
                }
                throw x;
            }
        }
        try {
            return (T) e.value().get();
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while another worker indexed " + tree.root(), x);
        } catch (ExecutionException x) {
            if (x.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (x.getCause() instanceof Error r) {
                throw r;
            }
            throw new IllegalStateException(x.getCause());
        }
    }

    private static <T> T run(GoTree tree, Builder<T> build) {
        try {
            return build.build(tree);
        } catch (IOException x) {
            throw new UncheckedIOException("cannot read Go sources below " + tree.root(), x);
        }
    }

    /** How many values were built and how many were served kept (for tests and benchmarks). */
    public synchronized Map<String, Long> counts() {
        return Map.of("builds", builds, "hits", hits, "entries", (long) entries.size());
    }
}
