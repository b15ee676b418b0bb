package dev.perfwarden.batch;

import dev.perfwarden.engine.project.ConfigException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestTest {
    private static final Path DIR = Path.of("/audit");

    @Test
    void readsTheThreeKindsOfEntryAndResolvesPathsAgainstTheManifestFolder() throws Exception {
        List<RepoEntry> e = Manifest.parse("""
                repos:
                  - id: orders
                    captures: captured/orders
                    source: [src/orders]
                  - id: kit
                    module: ../kit
                    packages: ./codec/...
                    bench: Encode
                  - id: zap
                    git: https://github.com/uber-go/zap
                    rev: v1.27.0
                    subdir: sub
                """, "repos.yaml", DIR);
        assertThat(e).extracting(RepoEntry::id).containsExactly("orders", "kit", "zap");
        assertThat(e.get(0)).isEqualTo(RepoEntry.captures("orders", "/audit/captured/orders", List.of("/audit/src/orders")));
        assertThat(e.get(1)).isEqualTo(RepoEntry.module("kit", "/kit", List.of("./codec/..."), "Encode"));
        assertThat(e.get(2)).isEqualTo(RepoEntry.git("zap", "https://github.com/uber-go/zap", "v1.27.0", "sub",
                List.of(), null));
        assertThat(e.get(2).location()).isEqualTo("https://github.com/uber-go/zap@v1.27.0//sub");
    }

    @Test
    void everyProblemNamesItsLineAndColumn() {
        assertThatThrownBy(() -> Manifest.parse("""
                repos:
                  - id: a
                    captures: x
                  - id: a
                    captures: y
                  - id: b
                    captures: x
                    module: y
                  - id: ../c
                    captures: z
                  - id: d
                    git: https://example.com/d
                  - id: e
                    captures: x
                    colour: red
                """, "repos.yaml", DIR))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("repos.yaml:4:")
                .hasMessageContaining("duplicate id 'a' (first at line 2)")
                .hasMessageContaining("repos.yaml:6:").hasMessageContaining("entry has captures and module: give only one")
                .hasMessageContaining("id '../c' must be letters, digits")
                .hasMessageContaining("entry needs rev:")
                .hasMessageContaining("repos.yaml:15:").hasMessageContaining("unknown key 'colour'");
    }

    @Test
    void refusesAnEmptyManifestAndOptionsOfTheWrongKind() {
        assertThatThrownBy(() -> Manifest.parse("repos: []\n", "m.yaml", DIR))
                .hasMessageContaining("the manifest lists no repositories");
        assertThatThrownBy(() -> Manifest.parse("repos:\n  - id: a\n    captures: x\n    bench: .\n", "m.yaml", DIR))
                .hasMessageContaining("m.yaml:4:").hasMessageContaining("bench: applies to module: and git: entries");
    }

    @Test
    void dirsAreNamedAfterTheirFolderAndMustNotClash() {
        assertThat(Manifest.ofDirs(List.of(Path.of("/x/orders"), Path.of("/y/kit"))))
                .extracting(RepoEntry::id).containsExactly("orders", "kit");
        assertThatThrownBy(() -> Manifest.ofDirs(List.of(Path.of("/x/orders"), Path.of("/y/orders"))))
                .hasMessageContaining("have the same name 'orders'");
    }

    /** attack5 probe 02: a repository named summary had its report overwritten by the batch's totals. */
    @Test
    void idsThatNameTheBatchsOwnFilesAreRefused() {
        assertThatThrownBy(() -> Manifest.parse("repos:\n  - id: Summary\n    captures: x\n", "m.yaml", DIR))
                .hasMessageContaining("m.yaml:2:").hasMessageContaining("id 'Summary' names the batch's own summary.json");
        assertThatThrownBy(() -> Manifest.ofDirs(List.of(Path.of("/x/summary"))))
                .hasMessageContaining("/x/summary: folder name 'summary' would name the batch's own summary.json");
        assertThat(Manifest.ofDirs(List.of(Path.of("/x/summary-2")))).extracting(RepoEntry::id).containsExactly("summary-2");
    }
}
