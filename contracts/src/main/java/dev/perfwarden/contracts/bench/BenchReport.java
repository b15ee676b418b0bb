package dev.perfwarden.contracts.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import dev.perfwarden.engine.report.TerminalText;

import java.util.Locale;

/**
 * Renders {@link BenchCompare} rows: a text table per package and unit in benchstat's layout
 * (median ± CI for base and head, then the delta or {@code ~} and {@code p=… n=…}), or JSON:
 * {@code {"alpha":0.05,"rows":[{"pkg","benchmark","unit","base","baseCI","head","headCI","delta","p","n":[nb,nh]}],"unmatched":[…]}}
 * where {@code delta} is {@code head/base - 1} and null when not significant.
 */
public final class BenchReport {
    private BenchReport() {
    }

    public static String json(List<BenchCompare.Row> rows, List<String> unmatched, double alpha) {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("alpha", alpha);
        ArrayNode arr = root.putArray("rows");
        for (BenchCompare.Row r : rows) {
            ObjectNode o = arr.addObject();
            o.put("pkg", r.pkg());
            o.put("benchmark", r.benchmark());
            o.put("unit", r.unit());
            o.put("base", r.base().median());
            o.put("baseCI", r.base().pctRange());
            o.put("head", r.head().median());
            o.put("headCI", r.head().pctRange());
            if (r.delta() == null || r.delta().isNaN()) {
                o.putNull("delta");
            } else {
                o.put("delta", Math.round(r.delta() * 1e6) / 1e6);
            }
            o.put("p", Math.round(r.p() * 1e6) / 1e6);
            o.putArray("n").add(r.nBase()).add(r.nHead());
        }
        ArrayNode um = root.putArray("unmatched");
        unmatched.forEach(um::add);
        try {
            return m.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The table for a terminal. Benchmark names, {@code pkg:} and units come from the input and are escaped
     * ({@link TerminalText}), and the column width is the escaped names': a name cannot move the cursor, clear its row
     * and draw a forged one (attack6 #7: a +1021.98 % regression shown as -72.66 %).
     */
    public static String text(List<BenchCompare.Row> rows, List<String> unmatched) {
        StringBuilder sb = new StringBuilder();
        String pkg = null;
        String unit = null;
        int w = rows.stream().mapToInt(r -> TerminalText.escape(r.benchmark()).length()).max().orElse(10);
        for (BenchCompare.Row r : rows) {
            if (!r.pkg().equals(pkg)) {
                sb.append(sb.length() == 0 ? "" : "\n").append("pkg: ").append(TerminalText.escape(r.pkg())).append('\n');
                pkg = r.pkg();
                unit = null;
            }
            if (!r.unit().equals(unit)) {
                sb.append(String.format(Locale.ROOT, "%n%-" + w + "s  %22s  %22s  %s%n", "", "base " + TerminalText.escape(r.unit()),
                        "head " + TerminalText.escape(r.unit()), "vs base"));
                unit = r.unit();
            }
            sb.append(String.format(Locale.ROOT, "%-" + w + "s  %22s  %22s  %9s (%s)%s%n", TerminalText.escape(r.benchmark()), cell(r.base()),
                    cell(r.head()), r.deltaText(), r.pText(), r.allEqual() ? " all samples are equal" : ""));
        }
        for (String u : unmatched) {
            sb.append(TerminalText.escape(u)).append('\n');
        }
        return sb.toString();
    }

    private static String cell(MedianCI c) {
        return String.format(Locale.ROOT, "%.4g ± %s", c.median(), c.pctRange());
    }
}
