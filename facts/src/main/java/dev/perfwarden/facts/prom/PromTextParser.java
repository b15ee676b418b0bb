package dev.perfwarden.facts.prom;

import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.parse.InputHead;
import dev.perfwarden.facts.parse.InputParser;
import dev.perfwarden.facts.parse.InputSource;
import dev.perfwarden.facts.parse.ParseContext;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Prometheus text exposition format 0.0.4 (what a {@code /metrics} endpoint of
 * client_golang serves): {@code # HELP}, {@code # TYPE}, other comments, sample lines. Every sample
 * line becomes a {@link PromSample}; one {@link PromScrape} describes the file. The scrape time is
 * read from a {@code # scraped-at: <RFC 3339>} comment (how docs/contracts.md says to capture:
 * {@code { echo "# scraped-at: $(date -u +%FT%T.%3NZ)"; curl -s URL/metrics; } > scrape.txt}); it is
 * what turns two scrapes into rates. Lines of no known form are counted unparsed.
 */
public final class PromTextParser implements InputParser {
    static final Pattern TYPE = Pattern.compile("^#\\s+TYPE\\s+(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\\s+(?<type>counter|gauge|histogram|summary|untyped|gaugehistogram|info|stateset|unknown)\\s*$");
    static final Pattern HELP = Pattern.compile("^#\\s+HELP\\s+(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\s.*)?$");
    static final Pattern SCRAPED_AT = Pattern.compile("^#\\s*scraped-at:\\s*(?<t>\\S+)\\s*$");
    static final Pattern NAME = Pattern.compile("^[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SNIFF = Pattern.compile("(?m)^# (?:TYPE|HELP) [a-zA-Z_:][a-zA-Z0-9_:]* ");
    private static final String[] SUFFIXES = {"_bucket", "_sum", "_count", "_total", "_created", "_gcount", "_gsum"};

    @Override
    public InputKind kind() {
        return InputKind.PROM_TEXT;
    }

    @Override
    public boolean sniff(InputHead head) {
        if (!head.textFile()) {
            return false;
        }
        String text = head.text();
        // the words SNIFF needs first: a multi-line find tries every line of every text input, slow in a cold JVM
        return typeOrHelp(text) && SNIFF.matcher(text).find();
    }

    /** Whether {@code text} holds "# TYPE " or "# HELP ": one pass over it (two contains are two). */
    private static boolean typeOrHelp(String text) {
        for (int i = text.indexOf("# "); i >= 0; i = text.indexOf("# ", i + 1)) {
            if (text.startsWith("TYPE ", i + 2) || text.startsWith("HELP ", i + 2)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void parse(InputSource source, ParseContext ctx) throws IOException, ParseException {
        Map<String, String> types = new HashMap<>();
        long scrapedAt = -1;
        List<Object[]> pending = new ArrayList<>(); // samples wait for the scrape time, which heads the file
        int families = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(source.open(), StandardCharsets.UTF_8))) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                ctx.record();
                if (line.isBlank()) {
                    continue;
                }
                Matcher m;
                if (line.startsWith("#")) {
                    if ((m = TYPE.matcher(line)).matches()) {
                        types.put(m.group("name"), m.group("type"));
                        families++;
                    } else if ((m = SCRAPED_AT.matcher(line)).matches()) {
                        try {
                            scrapedAt = Instant.parse(m.group("t")).toEpochMilli();
                        } catch (DateTimeParseException e) {
                            ctx.unparsed(n, "scraped-at is not an RFC 3339 time", line);
                        }
                    } else if (!HELP.matcher(line).matches() && !line.startsWith("# ") && !line.equals("#")
                            && !line.equals("# EOF")) {
                        ctx.unparsed(n, "comment of no known form", line);
                    }
                    continue;
                }
                Object[] s = sample(line);
                if (s == null) {
                    ctx.unparsed(n, "not a sample line (name{labels} value [timestamp])", line);
                    continue;
                }
                pending.add(new Object[]{s, n, line});
            }
        }
        for (Object[] p : pending) {
            Object[] s = (Object[]) p[0];
            String name = (String) s[0];
            @SuppressWarnings("unchecked")
            Map<String, String> labels = (Map<String, String>) s[1];
            String family = family(name, types);
            long ts = (Long) s[3];
            ctx.emit(new PromSample(ctx.input(), name, labels, (Double) s[2], family,
                    types.getOrDefault(family, "untyped"), ts >= 0 ? ts : scrapedAt, (String) p[2], ctx.at((Long) p[1])));
        }
        ctx.emit(new PromScrape(ctx.input(), scrapedAt, pending.size(), families, ctx.at(1)));
    }

    static String family(String name, Map<String, String> types) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suf : SUFFIXES) {
            if (name.endsWith(suf) && types.containsKey(name.substring(0, name.length() - suf.length()))) {
                return name.substring(0, name.length() - suf.length());
            }
        }
        return name;
    }

    /** {name, labels, value, timestamp or -1}, or null when the line is no sample. */
    static Object[] sample(String line) {
        Matcher m = NAME.matcher(line);
        if (!m.lookingAt()) {
            return null;
        }
        String name = m.group();
        int i = m.end();
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels);
            if (i < 0) {
                return null;
            }
        }
        String[] rest = line.substring(i).trim().split("\\s+");
        if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
            return null;
        }
        double value;
        long ts = -1;
        try {
            value = parseValue(rest[0]);
            if (rest.length == 2) {
                ts = Long.parseLong(rest[1]);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return new Object[]{name, labels, value, ts};
    }

    /** Reads the {@code key="value"} pairs from {@code i} (after the opening brace) into {@code out}; the index after the closing brace, or -1. */
    private static int labels(String line, int i, Map<String, String> out) {
        while (true) {
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            if (i < line.length() && line.charAt(i) == '}') {
                return i + 1;
            }
            Matcher lm = NAME.matcher(line).region(i, line.length());
            if (!lm.lookingAt()) {
                return -1;
            }
            String key = lm.group();
            i = lm.end();
            if (i + 1 >= line.length() || line.charAt(i) != '=' || line.charAt(i + 1) != '"') {
                return -1;
            }
            StringBuilder v = new StringBuilder();
            i = quoted(line, i + 2, v);
            if (i < 0) {
                return -1;
            }
            out.put(key, v.toString());
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
    }

    /** Unescapes a label value from {@code i} (after the opening quote) into {@code v}; the index after the closing quote, or -1. */
    private static int quoted(String line, int i, StringBuilder v) {
        while (i < line.length()) {
            char c = line.charAt(i++);
            if (c == '\\' && i < line.length()) {
                char e = line.charAt(i++);
                v.append(e == 'n' ? '\n' : e);
            } else if (c == '"') {
                return i;
            } else {
                v.append(c);
            }
        }
        return -1;
    }

    static double parseValue(String s) {
        switch (s) {
            case "+Inf":
            case "Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                return Double.parseDouble(s);
        }
    }
}
