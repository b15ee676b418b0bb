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

    /**
     * attack6 probe 01: values that git or go would read as options ran a command from each of these entries (uid=0
     * written by --upload-pack from git: and rev:, by -toolexec from packages:, whose row still said ok); an ext::
     * URL runs one where the host's git allows it. Each is refused at its line and column, before anything runs.
     */
    @Test
    void refusesValuesThatGitOrGoWouldReadAsOptions() throws Exception {
        assertThatThrownBy(() -> Manifest.parse("""
                repos:
                  - id: a-url
                    git: "--upload-pack=sh -c 'id > /tmp/pwned-a; exit 1' #"
                    rev: v1
                  - id: b-rev
                    git: https://example.com/r
                    rev: "--upload-pack=sh -c 'id > /tmp/pwned-b; exit 1' #"
                  - id: c-packages
                    git: file:///srv/r
                    rev: v1
                    packages: ["-export", "-toolexec=sh -c 'id'", "./..."]
                  - id: d-ext
                    git: "ext::sh -c id"
                    rev: main
                  - id: e-subdir
                    git: git@github.com:o/r.git
                    rev: 0123abcd
                    subdir: "-C/etc"
                  - id: f-module
                    module: ../kit
                    packages: -toolexec=x
                  - id: g-ssh-host
                    git: "ssh://-oProxyCommand=id/r"
                    rev: main
                  - id: h-scp-user
                    git: "-v@example.com:o/r"
                    rev: main
                """, "repos.yaml", DIR))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("repos.yaml:3:").hasMessageContaining("git: '--upload-pack=sh -c 'id > /tmp/pwned-a;"
                        + " exit 1' #' is not a repository URL")
                .hasMessageContaining("repos.yaml:7:").hasMessageContaining("rev: '--upload-pack=sh")
                .hasMessageContaining("repos.yaml:11:").hasMessageContaining("packages: '-export' starts with '-'")
                .hasMessageContaining("packages: '-toolexec=sh -c 'id'' starts with '-'")
                .hasMessageContaining("repos.yaml:13:").hasMessageContaining("git: 'ext::sh -c id' is not a repository URL")
                .hasMessageContaining("repos.yaml:18:").hasMessageContaining("subdir: '-C/etc' starts with '-'")
                .hasMessageContaining("repos.yaml:21:").hasMessageContaining("packages: '-toolexec=x' starts with '-'")
                .hasMessageContaining("repos.yaml:23:").hasMessageContaining("git: 'ssh://-oProxyCommand=id/r' is not a repository URL")
                .hasMessageContaining("repos.yaml:26:").hasMessageContaining("git: '-v@example.com:o/r' is not a repository URL")
                .satisfies(x -> assertThat(x.getMessage()).doesNotContain("repos.yaml:16:").doesNotContain("repos.yaml:17:"));
        // what a batch normally lists is still read
        assertThat(Manifest.parse("""
                repos:
                  - id: a
                    git: git@github.com:uber-go/zap.git
                    rev: release/v1.27
                  - id: b
                    git: ssh://git@example.com/r
                    rev: 3f2a9c1e8d7b6a5f4e3d2c1b0a9f8e7d6c5b4a39
                  - id: c
                    git: https://github.com/uber-go/zap
                    rev: v1.27.0+incompatible
                    packages: [./..., ./zapcore]
                """, "repos.yaml", DIR)).hasSize(3);
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
