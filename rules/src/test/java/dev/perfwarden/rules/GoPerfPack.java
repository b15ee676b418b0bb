package dev.perfwarden.rules;

import dev.perfwarden.engine.pack.Frontends;
import dev.perfwarden.engine.ruletest.GoVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Paths of the built-in go-perf pack, its rule folders and the shared corpus, for the rule tests. */
final class GoPerfPack {
    private GoPerfPack() {
    }

    /** The repository root: system property {@code perfwarden.root}, else the first parent holding .git. */
    static Path root() {
        String p = System.getProperty("perfwarden.root");
        if (p != null && !p.isBlank() && Files.isDirectory(Path.of(p, "rules", "packs"))) {
            return Path.of(p).toAbsolutePath().normalize();
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git")) && Files.isDirectory(d.resolve("rules/packs"))) {
                return d;
            }
        }
        throw new IllegalStateException("repository root not found (set -Dperfwarden.root)");
    }

    static Path packDir() {
        return root().resolve("rules/packs/go-perf");
    }

    /** Every folder of the pack that holds a fixture, sorted (rules with and without a rule source yet). */
    static List<Path> ruleDirs() {
        try (Stream<Path> s = Files.list(packDir())) {
            return s.filter(d -> Files.isDirectory(d.resolve("fixture"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bundled example's captures and every rule fixture's capture folders (sorted per rule). */
    static List<Path> exampleAndFixtureCaptures() {
        List<Path> captures = new ArrayList<>();
        captures.add(root().resolve("examples/captured/orders"));
        for (Path rule : ruleDirs()) {
            Path c = rule.resolve("captures");
            if (Files.isDirectory(c)) {
                try (Stream<Path> s = Files.list(c)) {
                    s.filter(Files::isDirectory).sorted().forEach(captures::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return captures;
    }

    /** The folder's rule source: the one file a policy front-end accepts (rule.drl, rule.dslr, rule.rules.yaml…). */
    static Optional<Path> ruleSource(Path ruleDir) {
        Frontends fe = Frontends.defaults();
        try (Stream<Path> s = Files.list(ruleDir)) {
            return s.filter(Files::isRegularFile).filter(p -> fe.forFile(p.getFileName().toString()).isPresent())
                    .sorted().findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Corpus program folders: testdata/corpus/go&lt;ver&gt;/&lt;program&gt;/ holding go-version.txt, sorted. */
    static List<Path> corpusPrograms() {
        Path corpus = root().resolve("testdata/corpus");
        try (Stream<Path> s = Files.walk(corpus, 2)) {
            return s.filter(d -> Files.isRegularFile(d.resolve("go-version.txt"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Go version in a corpus program's go-version.txt ({@code go version go1.19.8 linux/amd64}). */
    static GoVersion corpusVersion(Path program) {
        try {
            String text = Files.readString(program.resolve("go-version.txt")).strip();
            for (String word : text.split("\\s+")) {
                Optional<GoVersion> v = word.startsWith("go1") ? GoVersion.parse(word) : Optional.empty();
                if (v.isPresent()) {
                    return v.get();
                }
            }
            throw new IllegalStateException(program + "/go-version.txt: no Go version in '" + text + "'");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
