package dev.perfwarden.facts.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceCacheTest {
    @TempDir
    Path dir;

    private Path module(String name) throws IOException {
        Path m = Files.createDirectories(dir.resolve(name));
        Files.writeString(m.resolve("go.mod"), "module example.com/" + name + "\n");
        Files.createDirectories(m.resolve("sub"));
        Files.writeString(m.resolve("a.go"), "package " + name + "\n\nfunc A() int { return 1 }\n");
        Files.writeString(m.resolve("sub/b.go"), "package sub\n\nfunc B() {}\n");
        Files.createDirectories(m.resolve("testdata"));
        Files.writeString(m.resolve("testdata/t.go"), "package t\n");
        return m;
    }

    @Test
    void treeListsTheModulesGoFilesAndItsStampFollowsTheirChanges() throws IOException {
        Path m = module("m");
        GoTree t = GoTree.walk(m, true);
        assertThat(t.files().keySet()).containsExactly("a.go", "sub/b.go");
        assertThat(GoTree.walk(m, false).files().keySet()).containsExactly("a.go");
        assertThat(GoTree.walk(m, true).stamp()).isEqualTo(t.stamp());
        Path a = m.resolve("a.go");
        FileTime before = Files.getLastModifiedTime(a);
        Files.setLastModifiedTime(a, FileTime.fromMillis(before.toMillis() + 2000));
        assertThat(GoTree.walk(m, true).stamp()).isNotEqualTo(t.stamp());
        Files.setLastModifiedTime(a, before);
        assertThat(GoTree.walk(m, true).stamp()).isEqualTo(t.stamp());
        Files.writeString(m.resolve("sub/c.go"), "package sub\n");
        assertThat(GoTree.walk(m, true).stamp()).isNotEqualTo(t.stamp());
    }

    @Test
    void aValueIsBuiltOnceWhileItsTreeIsUnchangedAndAgainAfterAChange() throws IOException {
        Path m = module("m");
        SourceCache cache = new SourceCache(4);
        AtomicInteger builds = new AtomicInteger();
        SourceCache.Builder<List<String>> names = t -> {
            builds.incrementAndGet();
            return List.copyOf(t.read().keySet());
        };
        List<String> first = cache.get(GoTree.walk(m, true), "names", names);
        assertThat(cache.get(GoTree.walk(m, true), "names", names)).isSameAs(first);
        assertThat(builds).hasValue(1);
        assertThat(cache.get(GoTree.walk(m, true), "other", names)).isNotSameAs(first);
        assertThat(builds).hasValue(2);
        Files.writeString(m.resolve("a.go"), "package m\n\nfunc A() int { return 22 }\n");
        assertThat(cache.get(GoTree.walk(m, true), "names", names)).isNotSameAs(first).isEqualTo(first);
        assertThat(builds).hasValue(3);
        assertThat(cache.counts()).containsEntry("builds", 3L).containsEntry("hits", 1L);
    }

    private static Object fresh(SourceCache cache, GoTree t) {
        return cache.get(t, "k", x -> new Object());
    }

    @Test
    void atMostMaxEntriesAreKeptLeastRecentlyUsedDroppedFirst() throws IOException {
        SourceCache cache = new SourceCache(2);
        GoTree a = GoTree.walk(module("a"), true);
        GoTree b = GoTree.walk(module("b"), true);
        GoTree c = GoTree.walk(module("c"), true);
        Object va = fresh(cache, a);
        Object vb = fresh(cache, b);
        assertThat(fresh(cache, a)).isSameAs(va); // a is now the most recent
        fresh(cache, c); // drops b
        assertThat(cache.counts()).containsEntry("entries", 2L);
        assertThat(fresh(cache, a)).isSameAs(va);
        assertThat(fresh(cache, b)).isNotSameAs(vb);
    }

    @Test
    void aTreeWithoutGoFilesIsBuiltEachTimeAndPushesNoKeptTreeOut() throws IOException {
        // a batch's capture folders are source roots without Go files, one per bundle, two in flight at once
        SourceCache cache = new SourceCache(2);
        GoTree a = GoTree.walk(module("a"), true);
        GoTree b = GoTree.walk(module("b"), true);
        Object va = fresh(cache, a);
        Object vb = fresh(cache, b);
        for (int i = 0; i < 3; i++) {
            GoTree empty = GoTree.walk(Files.createDirectories(dir.resolve("captures-" + i)), false);
            assertThat(empty.files()).isEmpty();
            Object v = fresh(cache, empty);
            assertThat(fresh(cache, empty)).isNotSameAs(v);
        }
        assertThat(cache.counts()).containsEntry("entries", 2L).containsEntry("builds", 2L);
        assertThat(fresh(cache, a)).isSameAs(va);
        assertThat(fresh(cache, b)).isSameAs(vb);
    }

    @Test
    void workersAskingAtOnceWaitForOneBuild() throws Exception {
        GoTree t = GoTree.walk(module("m"), true);
        SourceCache cache = new SourceCache(4);
        AtomicInteger builds = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> got = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                got.add(pool.submit(() -> {
                    start.await();
                    return cache.<Object>get(t, "k", x -> {
                        builds.incrementAndGet();
                        java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
                        return new Object();
                    });
                }));
            }
            start.countDown();
            List<Object> values = new ArrayList<>();
            for (Future<Object> f : got) {
                values.add(f.get());
            }
            assertThat(builds).hasValue(1);
            assertThat(Collections.frequency(values, values.get(0))).isEqualTo(4);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedBuildIsNotKept() throws IOException {
        GoTree t = GoTree.walk(module("m"), true);
        SourceCache cache = new SourceCache(4);
        assertThatThrownBy(() -> cache.get(t, "k", x -> {
            throw new IOException("disk gone");
        })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot read Go sources below " + t.root());
        assertThat(cache.<String>get(t, "k", x -> "built")).isEqualTo("built");
    }

    @Test
    void theCachedIndexIsTheBuiltOneUntilAFileChanges() throws IOException {
        Path m = module("m");
        GoSourceIndex first = GoSourceIndex.cached(m, true, GoSourceIndex.GlobalClosures.INIT, BuildConstraints.DEFAULT);
        assertThat(first.files().keySet()).containsExactly("a.go", "sub/b.go");
        assertThat(first.modulePath()).isEqualTo("example.com/m");
        assertThat(GoSourceIndex.cached(m, true, GoSourceIndex.GlobalClosures.INIT, BuildConstraints.DEFAULT))
                .isSameAs(first);
        Files.writeString(m.resolve("a.go"), "package m\n\nfunc A() int { return 1 }\n\nfunc Z() {}\n");
        GoSourceIndex again = GoSourceIndex.cached(m, true, GoSourceIndex.GlobalClosures.INIT, BuildConstraints.DEFAULT);
        assertThat(again).isNotSameAs(first);
        assertThat(again.innermost("a.go", 5, 11)).map(GoSourceIndex.Func::name).hasValue("Z");
    }
}
