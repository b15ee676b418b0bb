package dev.perfwarden.cli;

import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No main source file over {@value #MAX_FILE_LINES} lines and no method or constructor over
 * {@value #MAX_METHOD_LINES} lines, unless {@code size-exceptions.txt} (beside this test) names it with the
 * reason it is long ({@code reason: …}) or as a unit still to be split ({@code debt: …}). An entry that no longer exceeds its limit, or names nothing, fails too, so the list
 * only shrinks. Sizes are counted on the source: a file's lines, a method's lines from its signature to
 * its closing brace (Javadoc excluded).
 */
class SizeLimitTest {
    static final int MAX_FILE_LINES = 600;
    static final int MAX_METHOD_LINES = 60;

    @Test
    void noClassOrMethodIsOverTheLimitWithoutAWrittenReason() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Map<String, String> exceptions = exceptions();
        Map<String, Integer> over = new TreeMap<>();
        StaticJavaParser.getParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17);
        for (Path file : mainSources(root)) {
            String rel = root.relativize(file).toString().replace('\\', '/');
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() > MAX_FILE_LINES) {
                over.put(rel, lines.size());
            }
            CompilationUnit cu = StaticJavaParser.parse(file);
            for (CallableDeclaration<?> m : cu.findAll(CallableDeclaration.class)) {
                int begin = m.getName().getBegin().orElseThrow().line;
                int end = m.getEnd().orElseThrow().line;
                if (end - begin + 1 > MAX_METHOD_LINES) {
                    over.put(rel + "#" + owner(m) + m.getNameAsString() + ":" + begin, end - begin + 1);
                }
            }
        }
        List<String> unexplained = new ArrayList<>();
        for (Map.Entry<String, Integer> e : over.entrySet()) {
            if (!exceptions.containsKey(key(e.getKey()))) {
                unexplained.add(e.getKey() + " (" + e.getValue() + " lines)");
            }
        }
        List<String> stale = new ArrayList<>();
        for (String k : exceptions.keySet()) {
            if (over.keySet().stream().noneMatch(o -> key(o).equals(k))) {
                stale.add(k);
            }
        }
        assertThat(unexplained).as("over %d lines per file / %d per method, with no reason in size-exceptions.txt",
                MAX_FILE_LINES, MAX_METHOD_LINES).isEmpty();
        assertThat(stale).as("size-exceptions.txt entries that are no longer over the limit: remove them").isEmpty();
    }

    /** An entry names a file, or {@code file#Type.method} without the line (lines move). */
    private static String key(String measured) {
        int colon = measured.lastIndexOf(':');
        return measured.contains("#") && colon > 0 ? measured.substring(0, colon) : measured;
    }

    private static String owner(CallableDeclaration<?> m) {
        return m.findAncestor(TypeDeclaration.class).map(t -> t.getNameAsString() + ".").orElse("");
    }

    private static List<Path> mainSources(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path m : modules.sorted().toList()) {
                Path src = m.resolve("src/main/java");
                if (Files.isDirectory(src)) {
                    try (Stream<Path> s = Files.walk(src)) {
                        s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(out::add);
                    }
                }
            }
        }
        assertThat(out).as("main sources under %s", root).hasSizeGreaterThan(100);
        return out;
    }

    /** {@code KEY  REASON} per line; a key without a reason is an error. */
    private static Map<String, String> exceptions() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = SizeLimitTest.class.getResourceAsStream("/size-exceptions.txt")) {
            assertThat(in).as("size-exceptions.txt on the test classpath").isNotNull();
            int n = 0;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                n++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] kr = t.split("\\s+", 2);
                assertThat(kr.length == 2 && kr[1].strip().matches("(reason|debt): .{10,}"))
                        .as("size-exceptions.txt:%d: '%s' needs 'reason: …' or 'debt: …' after the name", n, kr[0])
                        .isTrue();
                assertThat(out.put(kr[0], kr[1].strip())).as("size-exceptions.txt:%d: %s listed twice", n, kr[0])
                        .isNull();
            }
        }
        return out;
    }
}
