package dev.perfwarden.engine.kie;

import dev.perfwarden.engine.TestPacks;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.PackLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleSetCacheTest {
    @TempDir
    Path tmp;

    @Test
    void inMemoryCacheSharesByContent() throws Exception {
        RuleSetCache cache = RuleSetCache.inMemory(4);
        ClassLoader cl = getClass().getClassLoader();
        RuleSet a = cache.get(List.of(PackLoader.load(TestPacks.testpack())), cl);
        assertThat(cache.compiled()).isEqualTo(1);
        assertThat(cache.get(List.of(PackLoader.load(TestPacks.testpack())), cl)).isSameAs(a);
        assertThat(cache.compiled()).isEqualTo(1);

        Path copy = TestPacks.copy(tmp);
        TestPacks.write(copy.resolve("leak-note/doc.md"), "# leak-note\n\nChanged text.\n");
        RuleSet b = cache.get(List.of(PackLoader.load(copy)), cl);
        assertThat(b).isNotSameAs(a);
        assertThat(b.key()).isNotEqualTo(a.key());
        assertThat(cache.compiled()).isEqualTo(2);
        assertThat(cache.get(List.of(PackLoader.load(copy)), cl)).isSameAs(b);
        assertThat(cache.compiled()).isEqualTo(2);
    }

    @Test
    void cachesAreIndependentAndNoneAlwaysCompiles() throws Exception {
        Pack p = PackLoader.load(TestPacks.testpack());
        ClassLoader cl = getClass().getClassLoader();
        RuleSetCache one = RuleSetCache.inMemory(4);
        RuleSetCache other = RuleSetCache.inMemory(4);
        assertThat(one.get(List.of(p), cl)).isNotSameAs(other.get(List.of(p), cl));
        RuleSetCache none = RuleSetCache.none();
        assertThat(none.get(List.of(p), cl)).isNotSameAs(none.get(List.of(p), cl));
        assertThat(none.compiled()).isEqualTo(2);
    }

    @Test
    void sizeBoundEvictsTheLeastRecentlyUsed() throws Exception {
        RuleSetCache cache = RuleSetCache.inMemory(1);
        ClassLoader cl = getClass().getClassLoader();
        Pack p = PackLoader.load(TestPacks.testpack());
        Path copy = TestPacks.copy(tmp);
        TestPacks.write(copy.resolve("leak-note/doc.md"), "# leak-note\n\nOther text.\n");
        Pack q = PackLoader.load(copy);
        RuleSet a = cache.get(List.of(p), cl);
        cache.get(List.of(q), cl);
        assertThat(cache.get(List.of(p), cl)).isNotSameAs(a);
        assertThat(cache.compiled()).isEqualTo(3);
    }

    @Test
    void failedBuildIsNotKept() throws Exception {
        Path copy = TestPacks.copy(tmp);
        String drl = TestPacks.read(copy.resolve("boxed-value/rule.drl"));
        TestPacks.write(copy.resolve("boxed-value/rule.drl"), drl.replace("Boxed(width >= $min)", "Boxed(widht >= $min)"));
        Pack broken = PackLoader.load(copy); // parses fine; fails to compile
        RuleSetCache cache = RuleSetCache.inMemory(4);
        ClassLoader cl = getClass().getClassLoader();
        assertThatThrownBy(() -> cache.get(List.of(broken), cl)).isInstanceOf(PackException.class);
        assertThatThrownBy(() -> cache.get(List.of(broken), cl)).isInstanceOf(PackException.class);
        assertThat(cache.compiled()).isEqualTo(2);
    }
}
