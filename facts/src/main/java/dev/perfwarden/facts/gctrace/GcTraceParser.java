package dev.perfwarden.facts.gctrace;

import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.InputPos;
import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.parse.InputHead;
import dev.perfwarden.facts.parse.InputParser;
import dev.perfwarden.facts.parse.InputSource;
import dev.perfwarden.facts.parse.ParseContext;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code GODEBUG=gctrace=1} output (a program's stderr): every {@code gc N @…} line becomes a
 * {@link GcCycle}; one {@link GcTraceSummary} closes the input. The program's own stderr lines are
 * counted unparsed ("not a gctrace line"), blank lines are records of no fact.
 *
 * <p>The line form is the one runtime/mgc.go prints (Go 1.26): an optional
 * {@code (checking for goroutine leaks)} after the percent, {@code MB stacks} and {@code MB globals}
 * only since Go 1.18, {@code (forced)} at the end for {@code runtime.GC()}.
 */
public final class GcTraceParser implements InputParser {
    static final Pattern LINE = Pattern.compile(
            "^gc (?<n>\\d+) @(?<at>\\d+(?:\\.\\d+)?)s (?<cpu>\\d+)%(?: \\([^)]*\\))?: "
                    + "(?<c1>[0-9.]+)\\+(?<c2>[0-9.]+)\\+(?<c3>[0-9.]+) ms clock, "
                    + "[0-9.]+\\+[0-9.]+/[0-9.]+/[0-9.]+\\+[0-9.]+ ms cpu, "
                    + "(?<h0>\\d+)->(?<h1>\\d+)->(?<h2>\\d+) MB, (?<goal>\\d+) MB goal, "
                    + "(?:(?<stacks>\\d+) MB stacks, (?<globals>\\d+) MB globals, )?"
                    + "(?<p>\\d+) P(?<forced> \\(forced\\))?\\s*$");
    private static final Pattern SNIFF = Pattern.compile("(?m)^gc \\d+ @\\d+(?:\\.\\d+)?s \\d+%");

    @Override
    public InputKind kind() {
        return InputKind.GCTRACE;
    }

    @Override
    public boolean sniff(InputHead head) {
        // the literal SNIFF needs first: a multi-line find tries every line of the head (sampled: 0.4 ms a 64 KiB -json log head)
        return head.textFile() && head.text().contains("gc ") && SNIFF.matcher(head.text()).find();
    }

    @Override
    public void parse(InputSource source, ParseContext ctx) throws IOException, ParseException {
        List<GcCycle> cycles = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(source.open(), StandardCharsets.UTF_8))) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                ctx.record();
                if (line.isBlank()) {
                    continue;
                }
                Matcher m = LINE.matcher(line);
                if (!m.matches()) {
                    ctx.unparsed(n, line.startsWith("gc ") ? "gc line of an unknown form" : "not a gctrace line", line);
                    continue;
                }
                GcCycle c = new GcCycle(Integer.parseInt(m.group("n")), Double.parseDouble(m.group("at")),
                        Integer.parseInt(m.group("cpu")),
                        Double.parseDouble(m.group("c1")) + Double.parseDouble(m.group("c3")),
                        Double.parseDouble(m.group("c2")), Long.parseLong(m.group("h0")),
                        Long.parseLong(m.group("h1")), Long.parseLong(m.group("h2")),
                        Long.parseLong(m.group("goal")), num(m.group("stacks")), num(m.group("globals")),
                        Integer.parseInt(m.group("p")), m.group("forced") != null, line, ctx.at(n));
                cycles.add(c);
                ctx.emit(c);
            }
        }
        if (!cycles.isEmpty()) {
            ctx.emit(summary(ctx.input(), cycles));
        }
    }

    private static long num(String s) {
        return s == null ? -1 : Long.parseLong(s);
    }

    static GcTraceSummary summary(String input, List<GcCycle> cycles) {
        GcCycle first = cycles.get(0);
        GcCycle last = cycles.get(cycles.size() - 1);
        double span = last.atSeconds() - first.atSeconds();
        double perMin = cycles.size() < 2 || span <= 0 ? Double.NaN
                : (last.cycle() - first.cycle()) / span * 60;
        GcCycle pause = first;
        GcCycle live = first;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (GcCycle c : cycles) {
            if (c.stwMs() > pause.stwMs()) {
                pause = c;
            }
            if (c.liveMB() > live.liveMB()) {
                live = c;
            }
            double x = c.atSeconds() / 60;
            sx += x;
            sy += c.liveMB();
            sxx += x * x;
            sxy += x * c.liveMB();
        }
        int k = cycles.size();
        double den = k * sxx - sx * sx;
        double slope = k < 2 || den <= 0 ? Double.NaN : (k * sxy - sx * sy) / den;
        return new GcTraceSummary(input, k, span, perMin, last.cpuPercent(), pause.stwMs(), pause.at(), live.liveMB(),
                live.at(), slope, first, last);
    }
}
