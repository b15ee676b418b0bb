package dev.perfwarden.facts.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.InputPos;
import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.parse.InputHead;
import dev.perfwarden.facts.parse.InputParser;
import dev.perfwarden.facts.parse.InputSource;
import dev.perfwarden.facts.parse.LazyJson;
import dev.perfwarden.facts.parse.ParseContext;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code go test -bench [-benchmem] [-count N] [-cpu …] [-v]} output, plain or wrapped in
 * {@code go test -json} events, in the Go benchmark data format (proposal 14313 as
 * {@code golang.org/x/perf/benchfmt} reads it): config lines {@code key: value} apply to every
 * later result until changed (an empty value deletes the key), result lines
 * {@code BenchmarkName-N  iterations  value unit  value unit …}, {@code Unit} metadata lines.
 *
 * <p>Every line gets a {@link LineClass} or is unparsed with a reason; nothing is dropped
 * silently. After the whole input, one {@link BenchResult} is emitted per (configuration,
 * benchmark, unit) with all its repeats; {@code --- FAIL:}/{@code --- SKIP:} blocks become
 * {@link BenchFailure}s, package end lines {@link BenchPackage}s, {@code Unit} lines
 * {@link BenchUnitMeta}s, and one {@link BenchSummary} counts the lines per class. With
 * {@code -json}, the Output of consecutive events of one package is joined before it is split
 * into lines (test2json splits a result line after the name), and each text line is placed at the
 * JSON line where it ends.
 */
public final class BenchParser implements InputParser {
    /** The classes a line can fall into; ids are those of {@link BenchSummary#lines()}. */
    public enum LineClass {
        RESULT("result"), CONFIG("config"), UNIT("unit"), NAME("name"), BENCH_HEADER("bench-header"),
        FAIL_HEADER("fail-header"), SKIP_HEADER("skip-header"), PASS_HEADER("pass-header"), LOG("log"),
        RUN_EVENT("run-event"), PASS("pass"), FAIL("fail"), OK("ok"), PACKAGE_FAIL("package-fail"),
        NO_TEST_FILES("no-test-files"), EXIT_STATUS("exit-status"), BUILD_HEADER("build-header"),
        COMPILER_OUTPUT("compiler-output"), TESTING_WARNING("testing-warning"), COVERAGE("coverage"),
        PANIC("panic"), BLANK("blank"), JSON_EVENT("json-event"), UNPARSED("unparsed");

        private final String id;

        LineClass(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    static final Pattern CONFIG = Pattern.compile("^(?<key>\\p{Ll}[^\\s\\p{Lu}:]*):(?:[ \\t]+(?<val>.*))?$");
    static final Pattern UNIT = Pattern.compile("^Unit\\s+(?<unit>\\S+)(?<kv>(?:\\s+[^\\s=]+=\\S*)*)\\s*$");
    static final Pattern HEADER = Pattern.compile(
            "^\\s*--- (?<kind>BENCH|FAIL|SKIP|PASS): (?<name>\\S+)(?: \\((?<dur>[^)]*)\\))?\\s*$");
    static final Pattern OK = Pattern.compile("^ok\\s+(?<pkg>\\S+)(?:\\s+(?<time>[0-9.]+)s|\\s+\\(cached\\))?(?:\\s.*)?$");
    static final Pattern PACKAGE_FAIL = Pattern.compile(
            "^FAIL\\s+(?<pkg>\\S+)(?:\\s+(?<time>[0-9.]+)s)?(?:\\s+\\[(?<why>[^\\]]*)])?\\s*$");
    static final Pattern NO_TEST_FILES = Pattern.compile("^\\?\\s+(?<pkg>\\S+)\\s+\\[no test files]\\s*$");
    static final Pattern RUN_EVENT = Pattern.compile("^=== (?:RUN|PAUSE|CONT|NAME)(?:\\s.*)?$");
    static final Pattern EXIT_STATUS = Pattern.compile("^(?:exit status \\d+|signal: \\S.*)$");
    static final Pattern BUILD_HEADER = Pattern.compile("^# \\S.*$");
    static final Pattern COMPILER_OUTPUT = Pattern.compile("^[^\\s:]+\\.(?:go|s|c|h):\\d+(?::\\d+)?: .*$");
    static final Pattern PANIC = Pattern.compile("^(?:panic: |fatal error: |goroutine \\d+ \\[).*$");
    static final Pattern PROCS = Pattern.compile("^(?<base>.+)-(?<procs>\\d+)$");
    /** A result line as Appendix A of the format notes gives it; used for sniffing. */
    static final Pattern RESULT_LINE = Pattern.compile("^Benchmark\\S*\\s+\\d+(?:\\s+[-+0-9.eEInfNa]+\\s+\\S+)+\\s*$");

    @Override
    public InputKind kind() {
        return InputKind.BENCH;
    }

    @Override
    public boolean sniff(InputHead head) {
        if (head.directory() || head.binary() || head.bytes().length == 0) {
            return false;
        }
        String text = head.text();
        boolean json = text.stripLeading().startsWith("{");
        for (String line : text.split("\n", -1)) {
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (RESULT_LINE.matcher(l).matches()) {
                return true;
            }
            if (json && l.startsWith("{") && l.contains("\"Action\"") && l.contains("\"Output\":\"Benchmark")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void parse(InputSource source, ParseContext ctx) throws IOException, ParseException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (InputStream in = source.open();
             BufferedReader r = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16)) {
            Reader reader = new Reader(ctx);
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                reader.physical(line, ++n);
            }
            reader.finish();
        }
    }

    private record GroupKey(Map<String, String> config, String fullName, String unit) {
    }

    private static final class Group {
        final String name;
        final int procs;
        final InputPos at;
        final List<Double> samples = new ArrayList<>();
        final List<Long> iterations = new ArrayList<>();

        Group(String name, int procs, InputPos at) {
            this.name = name;
            this.procs = procs;
            this.at = at;
        }
    }

    /** Failure block being read: its header, and the log lines around it. */
    private static final class Block {
        final String fullName;
        final String status;
        final InputPos at;
        final String pkg;
        final List<String> log = new ArrayList<>();
        final boolean emit;

        Block(String fullName, String status, InputPos at, String pkg, boolean emit) {
            this.fullName = fullName;
            this.status = status;
            this.at = at;
            this.pkg = pkg;
            this.emit = emit;
        }
    }

    /** The state of one parse. */
    private static final class Reader {
        private final ParseContext ctx;
        private final Map<String, String> config = new LinkedHashMap<>();
        private Map<String, String> snapshot = Map.of();
        private final Map<GroupKey, Group> groups = new LinkedHashMap<>();
        private final Map<LineClass, Long> counts = new EnumMap<>(LineClass.class);
        private final Map<String, StringBuilder> jsonOutput = new LinkedHashMap<>();
        private final List<String> recentLog = new ArrayList<>();
        private final List<BenchFailure> failures = new ArrayList<>();
        private Block block;
        private String pendingName;
        private boolean json;

        Reader(ParseContext ctx) {
            this.ctx = ctx;
        }

        /** One physical line of the input. */
        void physical(String line, long n) {
            ctx.record();
            if (line.startsWith("{")) {
                JsonNode event = event(line);
                if (event != null) {
                    json = true;
                    count(LineClass.JSON_EVENT);
                    JsonNode out = event.get("Output");
                    if (out != null && out.isTextual()) {
                        String key = text(event, "Package", text(event, "ImportPath", ""));
                        StringBuilder buf = jsonOutput.computeIfAbsent(key, k -> new StringBuilder());
                        buf.append(out.asText());
                        int nl;
                        while ((nl = buf.indexOf("\n")) >= 0) {
                            String l = buf.substring(0, nl);
                            buf.delete(0, nl + 1);
                            logical(l.endsWith("\r") ? l.substring(0, l.length() - 1) : l, n);
                        }
                    }
                    return;
                }
            }
            logical(line, n);
        }

        private static JsonNode event(String line) {
            try {
                JsonNode node = LazyJson.mapper().readTree(line);
                return node != null && node.isObject() && node.has("Action") ? node : null;
            } catch (JsonProcessingException e) {
                return null;
            }
        }

        private static String text(JsonNode node, String field, String otherwise) {
            JsonNode v = node.get(field);
            return v != null && v.isTextual() ? v.asText() : otherwise;
        }

        void finish() {
            for (StringBuilder rest : jsonOutput.values()) {
                if (!rest.isEmpty()) {
                    logical(rest.toString(), -1);
                }
            }
            endBlock();
            for (Map.Entry<GroupKey, Group> e : groups.entrySet()) {
                GroupKey k = e.getKey();
                Group g = e.getValue();
                ctx.emit(new BenchResult(k.config().getOrDefault("pkg", ""), g.name, k.fullName(), g.procs, k.unit(),
                        g.samples, median(g.samples), k.config(), g.iterations, g.at));
            }
            failures.forEach(ctx::emit);
            Map<String, Long> byId = new LinkedHashMap<>();
            counts.forEach((c, v) -> byId.put(c.id(), v));
            ctx.emit(new BenchSummary(ctx.input(), byId, groups.size(), json));
        }

        static double median(List<Double> values) {
            double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(v);
            int m = v.length / 2;
            return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
        }

        private void count(LineClass c) {
            counts.merge(c, 1L, Long::sum);
        }

        private InputPos at(long n) {
            return n > 0 ? ctx.at(n) : ctx.at(0);
        }

        private void unparsed(long n, String reason, String text) {
            count(LineClass.UNPARSED);
            ctx.unparsed(Math.max(n, 0), reason, text);
        }

        /** One text line (a physical line, or one rebuilt from JSON Output events). */
        void logical(String line, long n) {
            LineClass c = classify(line, n);
            if (c == null) {
                return; // counted as unparsed
            }
            count(c);
            if (c == LineClass.LOG) {
                String unindented = line.startsWith("    ") ? line.substring(4) : line.stripLeading();
                recentLog.add(unindented);
                if (block != null) {
                    block.log.add(unindented);
                }
                return;
            }
            if (c != LineClass.FAIL_HEADER && c != LineClass.SKIP_HEADER && c != LineClass.BENCH_HEADER
                    && c != LineClass.PASS_HEADER) {
                endBlock();
            }
            if (c != LineClass.NAME) {
                recentLog.clear();
                pendingName = null;
            }
        }

        private void endBlock() {
            if (block != null && block.emit) {
                String[] np = splitProcs(block.fullName);
                failures.add(new BenchFailure(block.pkg, np[0], block.fullName, block.status, block.log, block.at));
            }
            block = null;
        }

        /** The class of a line, after acting on it; null when it was unparsed. */
        private LineClass classify(String line, long n) {
            if (line.isBlank()) {
                return LineClass.BLANK;
            }
            if (line.startsWith("Benchmark")) {
                return result(line, n);
            }
            Matcher m = HEADER.matcher(line);
            if (m.matches()) {
                return header(m, n);
            }
            if (Character.isWhitespace(line.charAt(0))) {
                if (pendingName != null && continuation(line, n)) {
                    return LineClass.RESULT;
                }
                return LineClass.LOG;
            }
            if (line.equals("PASS")) {
                return LineClass.PASS;
            }
            if (line.equals("FAIL")) {
                return LineClass.FAIL;
            }
            for (LineForm form : forms) {
                m = form.pattern.matcher(line);
                if (m.matches()) {
                    return form.handler.on(m, n);
                }
            }
            unparsed(n, "not a benchmark result, config, unit or go test status line", line);
            return null;
        }

        /** What a line matching one of the forms below is: its class, after acting on it; null when unparsed. */
        private interface FormHandler {
            LineClass on(Matcher m, long n);
        }

        private record LineForm(Pattern pattern, FormHandler handler) {
            static LineForm of(Pattern pattern, LineClass c) {
                return new LineForm(pattern, (m, n) -> c);
            }
        }

        /** The other line forms, tried in this order (the whole line must match). */
        private final LineForm[] forms = {
                new LineForm(OK, this::ok),
                new LineForm(PACKAGE_FAIL, this::packageFail),
                new LineForm(NO_TEST_FILES, this::noTestFiles),
                LineForm.of(RUN_EVENT, LineClass.RUN_EVENT),
                LineForm.of(EXIT_STATUS, LineClass.EXIT_STATUS),
                LineForm.of(BUILD_HEADER, LineClass.BUILD_HEADER),
                LineForm.of(COMPILER_OUTPUT, LineClass.COMPILER_OUTPUT),
                LineForm.of(PANIC, LineClass.PANIC),
                new LineForm(UNIT, (m, n) -> unit(m, m.group(), n)),
                new LineForm(CONFIG, this::config)};

        private LineClass ok(Matcher m, long n) {
            String t = m.group("time");
            ctx.emit(new BenchPackage(m.group("pkg"), "ok", t == null ? -1 : Double.parseDouble(t),
                    t == null ? "(cached)" : "", at(n)));
            return LineClass.OK;
        }

        private LineClass noTestFiles(Matcher m, long n) {
            ctx.emit(new BenchPackage(m.group("pkg"), "none", -1, "no test files", at(n)));
            return LineClass.NO_TEST_FILES;
        }

        private LineClass packageFail(Matcher m, long n) {
            String t = m.group("time");
            ctx.emit(new BenchPackage(m.group("pkg"), "FAIL", t == null ? -1 : Double.parseDouble(t),
                    m.group("why") == null ? "" : m.group("why"), at(n)));
            return LineClass.PACKAGE_FAIL;
        }

        /** {@code key: value} sets a configuration key for later results (an empty value deletes it). */
        private LineClass config(Matcher m, long n) {
            String key = m.group("key");
            if (key.equals("testing")) {
                return LineClass.TESTING_WARNING;
            }
            if (key.equals("coverage")) {
                return LineClass.COVERAGE;
            }
            String val = m.group("val") == null ? "" : m.group("val").strip();
            if (val.isEmpty()) {
                config.remove(key);
            } else {
                config.put(key, val);
            }
            snapshot = Collections.unmodifiableMap(new LinkedHashMap<>(config));
            return LineClass.CONFIG;
        }

        private LineClass header(Matcher m, long n) {
            endBlock();
            String kind = m.group("kind");
            String name = m.group("name");
            boolean bench = name.startsWith("Benchmark");
            LineClass c = switch (kind) {
                case "BENCH" -> LineClass.BENCH_HEADER;
                case "FAIL" -> LineClass.FAIL_HEADER;
                case "SKIP" -> LineClass.SKIP_HEADER;
                default -> LineClass.PASS_HEADER;
            };
            boolean emit = bench && (kind.equals("FAIL") || kind.equals("SKIP"));
            block = new Block(name, kind, at(n), config.getOrDefault("pkg", ""), emit);
            // with -v the log comes before the header
            block.log.addAll(recentLog);
            recentLog.clear();
            return c;
        }

        private LineClass unit(Matcher m, String line, long n) {
            String unit = m.group("unit");
            String kv = m.group("kv").strip();
            if (kv.isEmpty()) {
                unparsed(n, "unit line without key=value metadata", line);
                return null;
            }
            for (String pair : kv.split("\\s+")) {
                int eq = pair.indexOf('=');
                ctx.emit(new BenchUnitMeta(unit, pair.substring(0, eq), pair.substring(eq + 1), at(n)));
            }
            return LineClass.UNIT;
        }

        /** A line starting with "Benchmark": a result, a bare name (-v), or broken. */
        private LineClass result(String line, long n) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 1) {
                pendingName = f[0];
                return LineClass.NAME;
            }
            String problem = measurements(f[0], f, 1, n);
            if (problem != null) {
                unparsed(n, problem, line);
                pendingName = null;
                return null;
            }
            pendingName = null;
            return LineClass.RESULT;
        }

        /** A line holding only "iterations value unit…" after a bare name line. */
        private boolean continuation(String line, long n) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 3 || !f[0].chars().allMatch(Character::isDigit)) {
                return false;
            }
            String name = pendingName;
            String[] all = new String[f.length + 1];
            all[0] = name;
            System.arraycopy(f, 0, all, 1, f.length);
            if (measurements(name, all, 1, n) != null) {
                return false;
            }
            pendingName = null;
            return true;
        }

        /**
         * Reads "iterations value unit value unit…" from {@code f[from..]} for benchmark
         * {@code fullName} and records the samples; returns benchfmt's complaint, or null.
         */
        private String measurements(String fullName, String[] f, int from, long n) {
            long iterations;
            try {
                iterations = Long.parseLong(f[from]);
            } catch (NumberFormatException e) {
                return "missing iteration count";
            }
            int pairs = f.length - from - 1;
            if (pairs == 0) {
                return "missing measurements";
            }
            if (pairs % 2 != 0) {
                return "missing units";
            }
            double[] values = new double[pairs / 2];
            for (int i = 0; i < values.length; i++) {
                String v = f[from + 1 + 2 * i];
                try {
                    values[i] = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    return "parsing measurement: invalid value \"" + v + "\"";
                }
            }
            String[] np = splitProcs(fullName);
            for (int i = 0; i < values.length; i++) {
                String unit = f[from + 2 + 2 * i];
                GroupKey key = new GroupKey(snapshot, fullName, unit);
                Group g = groups.computeIfAbsent(key, k -> new Group(np[0], Integer.parseInt(np[1]), at(n)));
                g.samples.add(values[i]);
                g.iterations.add(iterations);
            }
            return null;
        }
    }

    /** {@code BenchmarkX/y-8} → {@code [BenchmarkX/y, 8]}; no suffix → procs 1. */
    static String[] splitProcs(String fullName) {
        Matcher m = PROCS.matcher(fullName);
        if (m.matches() && m.group("procs").length() < 7) {
            return new String[] {m.group("base"), m.group("procs")};
        }
        return new String[] {fullName, "1"};
    }
}
