package dev.perfwarden.engine.pack;

import dev.perfwarden.engine.model.ParamType;
import dev.perfwarden.engine.TestPacks;
import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.model.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PackLoaderTest {
    @TempDir
    Path tmp;

    @Test
    void readsManifestParametersAndRuleMetadataFromDrlAndDslr() throws Exception {
        Pack p = PackLoader.load(TestPacks.testpack());

        assertThat(p.id()).isEqualTo("testpack");
        assertThat(p.version()).isEqualTo("1.2.3");
        assertThat(p.label()).isEqualTo("testpack@1.2.3");
        assertThat(p.drlPackage()).isEqualTo("perfwarden.packs.testpack");
        assertThat(p.sha256()).hasSize(64);
        assertThat(p.parameters()).containsOnlyKeys("box.minWidth", "hot.function.cumShare");
        assertThat(p.parameters().get("box.minWidth").defaultValue()).isEqualTo(8.0);
        assertThat(p.parameters().get("box.minWidth").type()).isEqualTo(ParamType.NUMBER);

        assertThat(p.rules()).extracting(RuleInfo::id).containsExactly("boxed-value", "leak-note", "slow-call");
        RuleInfo boxed = p.rules().get(0);
        assertThat(boxed.severity()).isEqualTo(Severity.WARNING);
        assertThat(boxed.hotSeverity()).isNull();
        assertThat(boxed.effectiveHotSeverity()).isEqualTo(Severity.ERROR);
        assertThat(boxed.scope()).isEqualTo(Scope.LINE);
        assertThat(boxed.summary()).isEqualTo("A value is boxed into an interface");
        assertThat(boxed.tags()).containsExactly("alloc", "escape");
        assertThat(boxed.inputs()).containsExactly("escape-text");
        assertThat(boxed.file()).isEqualTo("boxed-value/rule.drl");
        assertThat(boxed.line()).isEqualTo(7);
        assertThat(boxed.doc()).contains("costs an allocation");
        assertThat(boxed.docFirstParagraph()).isEqualTo("A value stored in an interface escapes and costs an allocation.");

        RuleInfo slow = p.rules().get(2);
        assertThat(slow.severity()).isEqualTo(Severity.NOTE);
        assertThat(slow.hotSeverity()).isEqualTo(Severity.ERROR);
        assertThat(slow.scope()).isEqualTo(Scope.FUNCTION);
        assertThat(slow.file()).isEqualTo("slow-call/rule.dslr");
        assertThat(slow.line()).isEqualTo(8);
        RuleSource dslr = p.sources().stream().filter(s -> s.ruleId().equals("slow-call")).findFirst().orElseThrow();
        assertThat(dslr.language()).isEqualTo(RuleSource.Language.DSLR);
        assertThat(dslr.drl()).contains("$c : SlowCall(nanos > 100)").contains("insert(Hits.hit(drools, $c,");
    }

    @Test
    void shaIgnoresFixturesAndIsTheSameFromFolderClasspathAndJar() throws Exception {
        Pack fromDir = PackLoader.load(TestPacks.testpack());
        Pack fromCp = PackLoader.loadBuiltin(getClass().getClassLoader(), "testpack");
        assertThat(fromCp.origin()).isEqualTo("classpath:packs/testpack");
        assertThat(fromCp.sha256()).isEqualTo(fromDir.sha256());

        Path jar = tmp.resolve("rules.jar");
        Path root = TestPacks.testpack();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> walk = Files.walk(root)) {
            out.putNextEntry(new JarEntry("packs/"));
            out.putNextEntry(new JarEntry("packs/testpack/"));
            for (Path f : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(f) && !f.toString().contains("fixture")) {
                    out.putNextEntry(new JarEntry("packs/testpack/" + root.relativize(f).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(f));
                }
            }
        }
        try (URLClassLoader cl = new URLClassLoader(new URL[]{jar.toUri().toURL()}, null)) {
            assertThat(PackLoader.builtinIds(cl)).containsExactly("testpack");
            Pack fromJar = PackLoader.loadBuiltin(cl, "testpack");
            assertThat(fromJar.sha256()).isEqualTo(fromDir.sha256());
            assertThat(fromJar.rules()).hasSize(3);
        }

        Path copy = TestPacks.copy(tmp.resolve("c"));
        TestPacks.write(copy.resolve("boxed-value/captures/go1.23/m2.txt"), "anything");
        assertThat(PackLoader.load(copy).sha256()).isEqualTo(fromDir.sha256());
        TestPacks.write(copy.resolve("boxed-value/doc.md"), "# boxed-value\n\nChanged.\n");
        assertThat(PackLoader.load(copy).sha256()).isNotEqualTo(fromDir.sha256());
    }

    /**
     * attack3 probe 02: a fixture/ tree deeper than the system's path limit (250 folders of 23 characters, as an
     * extracted archive has it) is not read, so it is not walked either (Files.walk threw an UncheckedIOException
     * from it: exit 70); the same tree where files are read is the pack's fault, named.
     */
    @Test
    void aTreeTooDeepForThePathLimitIsNotWalkedWhereNothingIsRead() throws Exception {
        Pack plain = PackLoader.load(TestPacks.testpack());
        Path p = TestPacks.copy(tmp);
        for (String where : List.of("boxed-value/fixture", "boxed-value/deep")) {
            Files.createDirectories(p.resolve(where));
            Process mk = new ProcessBuilder("bash", "-c", "for i in $(seq 1 250); do mkdir aaaaaaaaaaaaaaaaaaaaaaa && cd"
                    + " aaaaaaaaaaaaaaaaaaaaaaa || exit 1; done; touch x.go").directory(p.resolve(where).toFile())
                    .inheritIO().start();
            assertThat(mk.waitFor()).isZero();
            try {
                if (where.endsWith("fixture")) {
                    assertThat(PackLoader.load(p).sha256()).isEqualTo(plain.sha256());
                } else {
                    assertThatThrownBy(() -> PackLoader.load(p)).isInstanceOf(PackException.class)
                            .hasMessageContaining("boxed-value/deep/aaaaaaaaaaaaaaaaaaaaaaa/")
                            .hasMessageContaining("cannot be read");
                }
            } finally {
                // rm walks what Java's delete cannot reach (the TempDir clean-up would fail on it)
                assertThat(new ProcessBuilder("rm", "-rf", p.resolve(where).toString()).start().waitFor()).isZero();
            }
        }
    }

    @Test
    void twinsInARuleFolderAreNeitherLoadedNorHashed() throws Exception {
        Pack plain = PackLoader.load(TestPacks.testpack());
        Path p = TestPacks.copy(tmp);
        // another form of the rule (same id), a second rule, and a file no front-end could read: a loaded twin
        // would be a duplicate rule, an extra rule or a compile error
        TestPacks.write(p.resolve("boxed-value/twins/rule.drl"), Files.readString(p.resolve("boxed-value/rule.drl")));
        TestPacks.write(p.resolve("boxed-value/twins/rule.rules.yaml"), "rules:\n  - id: twin-only\n");
        TestPacks.write(p.resolve("boxed-value/twins/negative/rule.drl"), "rule \"broken\" when then oops(");
        Pack withTwins = PackLoader.load(p);
        assertThat(withTwins.rules()).extracting(RuleInfo::id).containsExactlyElementsOf(
                plain.rules().stream().map(RuleInfo::id).toList());
        assertThat(withTwins.sha256()).isEqualTo(plain.sha256());
        assertThat(withTwins.sources()).extracting(RuleSource::file).noneMatch(f -> f.contains("twins"));
    }

    @Test
    void unknownPackYamlKeyIsAnErrorWithFileAndLine() {
        Path p = TestPacks.copy(tmp);
        TestPacks.write(p.resolve("pack.yaml"), String.join("\n",
                "id: testpack",
                "version: 1.2.3",
                "parameters:",
                "  box.minWidth:",
                "    type: number",
                "    default: 8",
                "    descripton: typo here",
                ""));
        assertThatThrownBy(() -> PackLoader.load(p))
                .isInstanceOfSatisfying(PackException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    Problem pr = e.problems().get(0);
                    assertThat(pr.file()).isEqualTo("pack.yaml");
                    assertThat(pr.line()).isEqualTo(7);
                    assertThat(pr.column()).isEqualTo(5);
                    assertThat(pr.message()).contains("unknown key 'descripton'")
                            .contains("parameters.box.minWidth").contains("allowed: default, description, type");
                    assertThat(pr.format()).startsWith(p + "/pack.yaml:7:5: error: unknown key");
                });

        TestPacks.write(p.resolve("pack.yaml"), "id: testpack\nversion: 1.2.3\nlicense: MIT\n");
        assertThatThrownBy(() -> PackLoader.load(p))
                .isInstanceOfSatisfying(PackException.class, e ->
                        assertThat(e.getMessage()).contains("pack.yaml:3:").contains("unknown key 'license'"));
    }

    @Test
    void badManifestValuesAreReportedAtTheirLines() {
        Path p = TestPacks.copy(tmp);
        TestPacks.write(p.resolve("pack.yaml"), String.join("\n",
                "id: testpack",
                "version: 1.2",
                "perfwarden: \"hello\"",
                "parameters:",
                "  box.minWidth:",
                "    type: integer",
                "    default: 8",
                "  other:",
                "    type: boolean",
                "    default: 3",
                ""));
        assertThatThrownBy(() -> PackLoader.load(p))
                .isInstanceOfSatisfying(PackException.class, e -> assertThat(e.problems())
                        .extracting(pr -> pr.line() + ": " + pr.message())
                        .containsExactlyInAnyOrder(
                                "2: version '1.2' is not a semantic version (MAJOR.MINOR.PATCH)",
                                "3: perfwarden 'hello' is not a version range (e.g. \">=0.1.0 <1.0.0\")",
                                "5: parameter 'box.minWidth': type must be number, string or boolean, not 'integer'",
                                "8: parameter 'other': default 3 is not a boolean"));
    }

    @Test
    void ruleFolderAndMetadataAreChecked() {
        Path p = TestPacks.copy(tmp);
        String drl = TestPacks.read(p.resolve("boxed-value/rule.drl"));
        TestPacks.write(p.resolve("boxed-value/rule.drl"), drl
                .replace("rule \"boxed-value\"", "rule \"boxed\"")
                .replace("@severity(warning)", "@severity(severe) @owner(\"me\")"));
        TestPacks.write(p.resolve("stray/notes.txt"), "x");
        try {
            Files.delete(p.resolve("leak-note/doc.md"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertThatThrownBy(() -> PackLoader.load(p))
                .isInstanceOfSatisfying(PackException.class, e -> assertThat(e.problems())
                        .extracting(pr -> pr.file() + ":" + pr.line() + ": " + pr.message())
                        .contains(
                                "boxed-value/rule.drl:7: rule name \"boxed\" must equal its folder name \"boxed-value\"",
                                "boxed-value/rule.drl:7: @severity(severe) must be error, warning or note",
                                "leak-note/doc.md:0: missing doc.md (why it costs, how to fix)",
                                "stray/:0: rule folder holds no rule source (rule.drl, rule.dslr or rule.rules.yaml)")
                        .anyMatch(s -> s.startsWith("boxed-value/rule.drl:7: unknown metadata @owner")));
    }

    @Test
    void rulesThatCouldNeverFireAreRefused() throws Exception {
        Path p = TestPacks.copy(tmp);
        String drl = TestPacks.read(p.resolve("leak-note/rule.drl"));
        TestPacks.write(p.resolve("leak-note/rule.drl"), drl.replace("@summary(\"A parameter leaks\")",
                "@summary(\"A parameter leaks\")\n    agenda-group \"later\""));
        assertThatThrownBy(() -> PackLoader.load(p))
                .isInstanceOfSatisfying(PackException.class, e -> assertThat(e.problems().get(0).message())
                        .contains("agenda-group \"later\" without auto-focus would never fire"));
        TestPacks.write(p.resolve("leak-note/rule.drl"), drl.replace("@summary(\"A parameter leaks\")",
                "@summary(\"A parameter leaks\")\n    agenda-group \"later\" auto-focus true"));
        assertThat(PackLoader.load(p).rules()).hasSize(3);
    }

    @Test
    void wrongPackageIsRefused() {
        Path p = TestPacks.copy(tmp);
        String drl = TestPacks.read(p.resolve("leak-note/rule.drl"));
        TestPacks.write(p.resolve("leak-note/rule.drl"), drl.replace("package perfwarden.packs.testpack;", "package my.rules;"));
        assertThatThrownBy(() -> PackLoader.load(p))
                .isInstanceOfSatisfying(PackException.class, e -> assertThat(e.problems().get(0).message())
                        .contains("must declare 'package perfwarden.packs.testpack;'"));
    }

    @Test
    void optionalRuleListMustAgreeWithDrlMetadata() throws Exception {
        Path p = TestPacks.copy(tmp);
        String yaml = TestPacks.read(p.resolve("pack.yaml"));
        TestPacks.write(p.resolve("pack.yaml"), yaml + String.join("\n",
                "rules:",
                "  - id: boxed-value",
                "    severity: warning",
                "    tags: [alloc, escape]",
                "  - id: leak-note",
                "  - id: slow-call",
                "    severity: note",
                ""));
        assertThat(PackLoader.load(p).rules()).hasSize(3);

        TestPacks.write(p.resolve("pack.yaml"), yaml + String.join("\n",
                "rules:",
                "  - id: boxed-value",
                "    severity: error",
                "  - id: slow-call",
                "  - id: gone",
                ""));
        int base = yaml.split("\n", -1).length - 1;
        assertThatThrownBy(() -> PackLoader.load(p))
                .isInstanceOfSatisfying(PackException.class, e -> assertThat(e.problems())
                        .extracting(pr -> pr.line() - base + ": " + pr.message())
                        .containsExactlyInAnyOrder(
                                "2: rule 'boxed-value': severity error disagrees with @severity(warning) in boxed-value/rule.drl",
                                "5: lists rule 'gone' but the pack has no folder gone/ with a rule of that name",
                                "1: rules: does not list rule 'leak-note' (leak-note/rule.drl); list every rule or drop the list"));
    }

    @Test
    void aPackFolderWithAHugeFileIsRefusedBeforeItIsRead() throws Exception {
        // a 300 MB doc.md used to run the loader out of memory: exit 70, an "internal error"; a folder now has the
        // limits of a pack archive, judged by the size on disk (the file here is sparse: nothing is written)
        Files.writeString(tmp.resolve("pack.yaml"), "id: big\nversion: 0.0.1\nperfwarden: \">=0.1.0\"\n");
        Files.createDirectories(tmp.resolve("payload"));
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(tmp.resolve("payload/doc.md").toFile(), "rw")) {
            f.setLength(300_000_000L);
        }
        assertThatThrownBy(() -> PackLoader.load(tmp)).isInstanceOf(PackException.class).hasMessageContaining(
                "cannot read pack: file payload/doc.md has 300000000 bytes; a pack file may have at most 4194304 (the"
                        + " limit of pack archives)");
    }

    @Test
    void missingPackYamlAndMissingBuiltinAreErrors() {
        assertThatThrownBy(() -> PackLoader.load(tmp))
                .isInstanceOf(PackException.class).hasMessageContaining("no pack.yaml");
        assertThatThrownBy(() -> PackLoader.loadBuiltin(getClass().getClassLoader(), "nope"))
                .isInstanceOf(PackException.class).hasMessageContaining("no pack here");
    }

    @Test
    void versionRanges() {
        SemVer v = SemVer.of("0.1.0");
        assertThat(VersionRange.parse(">=0.1.0 <1.0.0").orElseThrow().contains(v)).isTrue();
        assertThat(VersionRange.parse("^0.1").orElseThrow().contains(SemVer.of("0.1.9"))).isTrue();
        assertThat(VersionRange.parse("^0.1").orElseThrow().contains(SemVer.of("0.2.0"))).isFalse();
        assertThat(VersionRange.parse("^1.2.0").orElseThrow().contains(SemVer.of("1.9.0"))).isTrue();
        assertThat(VersionRange.parse("~1.2.3").orElseThrow().contains(SemVer.of("1.3.0"))).isFalse();
        assertThat(VersionRange.parse("1.x").orElseThrow().contains(SemVer.of("1.4.2"))).isTrue();
        assertThat(VersionRange.parse("1.2.3 || 2.x").orElseThrow().contains(SemVer.of("2.0.1"))).isTrue();
        assertThat(VersionRange.parse("*").orElseThrow().contains(v)).isTrue();
        assertThat(VersionRange.parse(">= 2.0.0").orElseThrow().contains(v)).isFalse();
        assertThat(VersionRange.parse("hello")).isEmpty();
        assertThat(SemVer.of("1.0.0-rc.1").compareTo(SemVer.of("1.0.0"))).isNegative();
        assertThat(List.of(SemVer.parse("01.0.0"), SemVer.parse("1.0"))).allMatch(java.util.Optional::isEmpty);
    }


    @Test
    void theEngineParametersKeepTheirDeclarationOrderAndTakeMoreThanTenPairs() {
        // Map.of iterated them in an order that changed from one JVM to the next, and takes at most 10 pairs
        assertThat(Pack.ENGINE_PARAMETERS.keySet()).containsExactly("hot.function.cumShare", "hot.line.flatShare",
                "hot.line.cumShare", "hot.alloc.share", "hot.alloc.minShare", "hot.minSamples", "hot.alloc.cpuShare",
                "hot.benchmark.share", "hot.benchmark.minSamples");
        assertThatThrownBy(() -> Pack.ENGINE_PARAMETERS.put("x", 1.0)).isInstanceOf(UnsupportedOperationException.class);
    }
}
