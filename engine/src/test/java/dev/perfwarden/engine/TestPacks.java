package dev.perfwarden.engine;

import dev.perfwarden.engine.testfacts.Boxed;
import dev.perfwarden.engine.testfacts.Leak;
import dev.perfwarden.engine.testfacts.SlowCall;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.InputPos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Shared test fixtures: the test pack on disk, copies of it to break, and hand-made facts. */
public final class TestPacks {
    private TestPacks() {
    }

    /** The checked-in test pack (as copied to target/test-classes). */
    public static Path testpack() {
        try {
            return Path.of(TestPacks.class.getResource("/packs/testpack/pack.yaml").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A writable copy of the test pack under {@code dir}/testpack. */
    public static Path copy(Path dir) {
        Path src = testpack();
        Path dst = dir.resolve("testpack");
        try (Stream<Path> walk = Files.walk(src)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path t = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dst;
    }

    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Boxed boxed(String symbol, String file, int line, int col, int width) {
        return new Boxed(symbol, file, line, col, width, new Evidence("escape-text",
                "./" + file + ":" + line + ":" + col + ": x escapes to heap", InputPos.line("m2.txt", 40 + line)));
    }

    public static SlowCall slow(String symbol, String file, int line, String callee, long nanos) {
        return new SlowCall(symbol, file, line, 2, callee, nanos, new Evidence("objdump",
                "  " + file + ":" + line + "\t0x4a1b20\t\te800000000\tCALL " + callee + "(SB)",
                InputPos.line("objdump.txt", 100 + line)));
    }

    public static Leak leak(String symbol, String file, int line, String param) {
        return new Leak(symbol, file, line, 7, param, new Evidence("escape-text",
                "./" + file + ":" + line + ":7: leaking param: " + param, InputPos.line("m2.txt", 3)));
    }
}
