package dev.perfwarden.engine.kie;

import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where compiled rule sets are kept between runs. The engine holds none of its own: whoever owns the
 * process (the CLI, a batch worker, a pipeline's {@code @Setup}) gives one to its
 * {@link dev.perfwarden.engine.service.Workspace}, or uses {@link #none()}. Implementations are thread-safe.
 */
public interface RuleSetCache {
    /**
     * The rule set for {@code packs}, compiled on a miss with {@link RuleSet#build(List, ClassLoader)}.
     *
     * @throws PackException as {@link RuleSet#build(List, ClassLoader)}; a failed build is not kept
     */
    RuleSet get(List<Pack> packs, ClassLoader classLoader) throws PackException;

    /** How many rule sets this cache has compiled (its misses). */
    long compiled();

    /** No cache: every call compiles. */
    static RuleSetCache none() {
        AtomicLong builds = new AtomicLong();
        return new RuleSetCache() {
            @Override
            public RuleSet get(List<Pack> packs, ClassLoader classLoader) throws PackException {
                builds.incrementAndGet();
                return RuleSet.build(packs, classLoader);
            }

            @Override
            public long compiled() {
                return builds.get();
            }
        };
    }

    /**
     * An in-memory cache of the {@code size} rule sets used last, keyed by {@link RuleSet#contentKey} and
     * class loader. Concurrent requests for one key compile once; the others wait for that build.
     */
    static RuleSetCache inMemory(int size) {
        return new InMemory(size);
    }

    /** {@link #inMemory(int)}. */
    final class InMemory implements RuleSetCache {
        private final Map<String, CompletableFuture<RuleSet>> entries;
        private final AtomicLong builds = new AtomicLong();

        private InMemory(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("cache size " + size + " < 1");
            }
            this.entries = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<RuleSet>> eldest) {
                    return size() > size;
                }
            };
        }

        @Override
        public RuleSet get(List<Pack> packs, ClassLoader classLoader) throws PackException {
            String key = RuleSet.contentKey(packs) + "@" + Integer.toHexString(System.identityHashCode(classLoader));
            CompletableFuture<RuleSet> f;
            boolean mine = false;
            synchronized (entries) {
                f = entries.get(key);
                if (f == null) {
                    f = new CompletableFuture<>();
                    entries.put(key, f);
                    mine = true;
                }
            }
            if (mine) {
                try {
                    builds.incrementAndGet();
                    f.complete(RuleSet.build(packs, classLoader));
                } catch (PackException | RuntimeException | Error e) {
                    synchronized (entries) {
                        entries.remove(key);
                    }
                    f.completeExceptionally(e);
                }
            }
            try {
                return f.join();
            } catch (CompletionException e) {
                Throwable c = e.getCause();
                if (c instanceof PackException pe) {
                    throw new PackException(pe.problems());
                }
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                if (c instanceof Error er) {
                    throw er;
                }
                throw e;
            }
        }

        @Override
        public long compiled() {
            return builds.get();
        }

        /** Empties the cache. */
        public void clear() {
            synchronized (entries) {
                entries.clear();
            }
        }
    }
}
