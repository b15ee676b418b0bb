package dev.perfwarden.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The compiler output of the several builds of one capture (each test binary, each program, a last build of the
 * packages none of them compiled), all with the same {@code -gcflags} value, put together as one build would
 * have printed it: {@code m2.txt}, {@code bce.txt} and {@code json/}.
 *
 * <p>What the toolchain does here (Go 1.26.8, tidwall/btree and cespare/xxhash, checked by hand): the build cache
 * keys a compile by its flags, so a package that a second build needs compiled again is a cache hit and
 * <b>its stderr is replayed</b> (the same {@code # pkg} section again) while its {@code -json} files are not written
 * again; a package compiled as the test variant ({@code # P [P.test]}: its {@code _test.go} files and the generic
 * instances they make) and plainly in another binary ({@code # P}) prints two sections of mostly the same facts and
 * writes both into the same {@code DIR/P/} files (the -json tree does not tell variants apart). So each package
 * keeps one section: its test variant {@code [P.test]} when there is one, else its first; the {@code -json} folder
 * is emptied after each build into a folder of that build, and the package's files are taken from the build that
 * printed the kept section (else from the first build that wrote them). {@code DIR/main/} holds every main
 * package and test main: its files are merged, the first of a name kept.
 */
final class CompilerOutput {
    /** {@code # P [X.test]}: package P compiled for test binary X.test. */
    private static final Pattern VARIANT = Pattern.compile("# (\\S+) \\[(\\S+)\\.test]");

    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]{2}");

    private final Path jsonDir;
    private final Path builds;
    private final List<String> stderrs = new ArrayList<>();

    /** Makes the {@code -json} folder every build writes to, and the folder its files are moved to, in {@code out}. */
    CompilerOutput(Path out) throws IOException {
        jsonDir = Files.createTempDirectory(out, ".json-");
        builds = Files.createTempDirectory(out, ".json-builds-");
    }

    /** The {@code -json=0,DIR} folder: the same for every build, so their compiles share the build cache. */
    Path jsonDir() {
        return jsonDir;
    }

    /** A build has finished with this stderr: its {@code -json} files are moved to a folder of their own. */
    void add(String stderr) throws IOException {
        Path mine = builds.resolve(Integer.toString(stderrs.size()));
        Files.createDirectories(mine);
        try (Stream<Path> s = Files.list(jsonDir)) {
            for (Path p : s.toList()) {
                Files.move(p, mine.resolve(p.getFileName()));
            }
        }
        stderrs.add(stderr);
    }

    int builds() {
        return stderrs.size();
    }

    /** One {@code # header} section of one build's stderr (lines before any header: header null). */
    private record Section(int build, String header, String text) {
        /** The package the header names (variants of one package share it); the header itself without one. */
        String pkg() {
            if (header == null) {
                return null;
            }
            Matcher m = VARIANT.matcher(header);
            return m.matches() ? m.group(1) : header.substring(2);
        }

        boolean ownTestVariant() {
            Matcher m = VARIANT.matcher(header == null ? "" : header);
            return m.matches() && m.group(1).equals(m.group(2));
        }
    }

    /**
     * The sections kept, in the order they were printed: per package its own test variant, else its first section;
     * a section's exact repeat (a replayed compile) is dropped, lines outside any section are kept.
     */
    List<Section> kept() {
        List<Section> all = new ArrayList<>();
        for (int b = 0; b < stderrs.size(); b++) {
            String header = null;
            StringBuilder text = new StringBuilder();
            for (String line : stderrs.get(b).split("\n", -1)) {
                if (line.startsWith("# ")) {
                    if (header != null || !text.isEmpty()) {
                        all.add(new Section(b, header, text.toString()));
                    }
                    header = line;
                    text.setLength(0);
                } else if (!line.isEmpty()) {
                    text.append(line).append('\n');
                }
            }
            if (header != null || !text.isEmpty()) {
                all.add(new Section(b, header, text.toString()));
            }
        }
        Map<String, Section> chosen = new HashMap<>();
        for (Section s : all) {
            if (s.pkg() != null && (!chosen.containsKey(s.pkg()) || s.ownTestVariant() && !chosen.get(s.pkg()).ownTestVariant())) {
                chosen.put(s.pkg(), s);
            }
        }
        return all.stream().filter(s -> s.pkg() == null || chosen.get(s.pkg()) == s).toList();
    }

    /** Writes {@code m2.txt} and {@code bce.txt} (split by message form) and {@code json/} into {@code out}. */
    void write(Path out) throws IOException {
        List<Section> kept = kept();
        StringBuilder all = new StringBuilder();
        Map<String, Integer> buildOf = new HashMap<>();
        for (Section s : kept) {
            if (s.header() != null) {
                all.append(s.header()).append('\n');
                buildOf.put(s.pkg(), s.build());
            }
            all.append(s.text());
        }
        GoCapture.splitDiagnostics(all.toString(), out.resolve("m2.txt"), out.resolve("bce.txt"));
        Path json = out.resolve("json");
        deleteTree(json);
        Files.createDirectories(json);
        Map<String, Path> from = new LinkedHashMap<>();
        for (int b = 0; b < stderrs.size(); b++) {
            try (Stream<Path> s = Files.list(builds.resolve(Integer.toString(b)))) {
                for (Path dir : s.sorted().toList()) {
                    String name = dir.getFileName().toString();
                    Integer wanted = buildOf.get(unescape(name));
                    if (name.equals("main")) {
                        mergeNew(dir, json.resolve(name));
                    } else if (!from.containsKey(name) || wanted != null && wanted == b) {
                        from.put(name, dir);
                    }
                }
            }
        }
        for (Map.Entry<String, Path> e : from.entrySet()) {
            Files.move(e.getValue(), json.resolve(e.getKey()));
        }
    }

    /** Moves the files of {@code dir} to {@code to} that are not there yet. */
    private static void mergeNew(Path dir, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.sorted().toList()) {
                if (!Files.exists(to.resolve(f.getFileName()))) {
                    Files.move(f, to.resolve(f.getFileName()));
                }
            }
        }
    }

    /** A -json folder name ({@code github.com%2Ftidwall%2Fbtree}) as the package path it escapes. */
    static String unescape(String name) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%' && i + 2 < name.length() && HEX.matcher(name.substring(i + 1, i + 3)).matches()) {
                b.write(Integer.parseInt(name.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                b.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** Deletes the temporary folders. */
    void delete() throws IOException {
        deleteTree(jsonDir);
        deleteTree(builds);
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
