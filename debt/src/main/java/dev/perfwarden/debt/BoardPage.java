package dev.perfwarden.debt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The board: one self-contained HTML page (inline CSS and SVG, no script, no network) with, per service, the
 * trend of its debt points and open findings over its runs, a package × rule heat map of the open debt of
 * each service's latest run, the top debts with links to their report, and the latest contract verdicts.
 * Every string that comes from a report or the command line is HTML-escaped.
 */
public final class BoardPage {
    /** How many open findings the top-debts table lists. */
    static final int TOP = 25;

    private BoardPage() {
    }

    /** One service's runs (oldest first) with the findings of each. */
    public record ServiceRuns(String service, List<RunRow> runs, Map<Long, List<RunFinding>> findings,
                              List<ContractResult> contracts) {
    }

    record Debt(String service, RunRow run, RunFinding finding, double points, boolean added) {
    }

    public static String render(List<ServiceRuns> services, DebtWeights weights, String title, Instant now) {
        StringBuilder h = new StringBuilder(32_768);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(esc(title)).append("</title>\n<meta name=\"viewport\" content=\"width=device-width\">\n<style>")
                .append(CSS).append("</style></head>\n<body>\n<h1>").append(esc(title)).append("</h1>\n<p class=\"meta\">")
                .append(services.size()).append(services.size() == 1 ? " service, " : " services, ")
                .append(services.stream().mapToInt(s -> s.runs().size()).sum()).append(" runs; made ")
                .append(esc(ShowRenderer.MINUTE.format(now))).append(". Points: severity weight (error ")
                .append(num(weights.error())).append(", warning ").append(num(weights.warning())).append(", note ")
                .append(num(weights.note())).append(") × (1 + ").append(num(weights.cost()))
                .append(" × measured cost in %).</p>\n");
        if (services.isEmpty()) {
            return h.append("<p>No runs recorded yet: <code>perfwarden debt record --service NAME report.json</code>.</p>\n"
                    + "</body></html>\n").toString();
        }
        List<Debt> debts = new ArrayList<>();
        h.append("<section id=\"trend\"><h2>Debt per service</h2>\n<div class=\"cards\">\n");
        for (ServiceRuns s : services) {
            trend(h, s, weights, debts);
        }
        h.append("</div></section>\n");
        heatMap(h, debts);
        top(h, debts);
        contracts(h, services);
        return h.append("</body></html>\n").toString();
    }

    private static void trend(StringBuilder h, ServiceRuns s, DebtWeights weights, List<Debt> debts) {
        List<RunRow> runs = s.runs();
        double[] points = new double[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            for (RunFinding f : s.findings().get(runs.get(i).id())) {
                points[i] += weights.points(f);
            }
        }
        RunRow head = runs.get(runs.size() - 1);
        List<RunFinding> now = s.findings().get(head.id());
        Set<RunFinding> added = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        if (runs.size() > 1) {
            added.addAll(DebtLedger.diff(now, s.findings().get(runs.get(runs.size() - 2).id())).added());
        }
        for (RunFinding f : now) {
            debts.add(new Debt(s.service(), head, f, weights.points(f), added.contains(f)));
        }
        double last = points[points.length - 1];
        String delta = runs.size() < 2 ? "first run" : signed(last - points[points.length - 2]) + " since the run before";
        h.append("<div class=\"card\"><h3>").append(esc(s.service())).append("</h3>\n<p><b class=\"points\">")
                .append(num(last)).append("</b> points, ").append(now.size()).append(" open · ").append(esc(delta))
                .append("</p>\n");
        int w = 560;
        int ht = 150;
        int pad = 34;
        double max = 1;
        for (double p : points) {
            max = Math.max(max, p);
        }
        long t0 = runs.get(0).info().time().toEpochMilli();
        long t1 = head.info().time().toEpochMilli();
        h.append("<svg class=\"trend\" role=\"img\" viewBox=\"0 0 ").append(w).append(' ').append(ht)
                .append("\" width=\"").append(w).append("\" height=\"").append(ht).append("\"><title>debt points of ")
                .append(esc(s.service())).append(" per run</title>\n");
        h.append("<line class=\"axis\" x1=\"").append(pad).append("\" y1=\"").append(ht - pad / 2).append("\" x2=\"")
                .append(w - 8).append("\" y2=\"").append(ht - pad / 2).append("\"/>");
        h.append("<text class=\"lbl\" x=\"2\" y=\"14\">").append(num(max)).append("</text>");
        h.append("<text class=\"lbl\" x=\"2\" y=\"").append(ht - pad / 2).append("\">0</text>");
        h.append("<text class=\"lbl\" x=\"").append(pad).append("\" y=\"").append(ht - 2).append("\">")
                .append(esc(ShowRenderer.MINUTE.format(runs.get(0).info().time()))).append("</text>");
        h.append("<text class=\"lbl end\" x=\"").append(w - 8).append("\" y=\"").append(ht - 2).append("\">")
                .append(esc(ShowRenderer.MINUTE.format(head.info().time()))).append("</text>\n");
        StringBuilder line = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < runs.size(); i++) {
            RunRow r = runs.get(i);
            double x = runs.size() == 1 ? (pad + w - 8) / 2.0
                    : t1 > t0 ? pad + (w - 8 - pad) * (double) (r.info().time().toEpochMilli() - t0) / (t1 - t0)
                    : pad + (w - 8 - pad) * (double) i / (runs.size() - 1);
            double y = 8 + (ht - pad / 2.0 - 8) * (1 - points[i] / max);
            line.append(line.length() == 0 ? "" : " ").append(fmt(x)).append(',').append(fmt(y));
            dots.append("<circle cx=\"").append(fmt(x)).append("\" cy=\"").append(fmt(y)).append("\" r=\"3.5\"><title>run ")
                    .append(r.id()).append(' ').append(esc(ShowRenderer.abbrev(r.info().commit()))).append(' ')
                    .append(esc(r.info().branch())).append(", ").append(esc(ShowRenderer.MINUTE.format(r.info().time())))
                    .append(": ").append(num(points[i])).append(" points, ").append(s.findings().get(r.id()).size())
                    .append(" open</title></circle>");
        }
        h.append("<polyline class=\"line\" points=\"").append(line).append("\"/>").append(dots).append("</svg></div>\n");
    }

    private static void heatMap(StringBuilder h, List<Debt> debts) {
        // rows: service and package (two services may share a package path such as main)
        Map<String, Map<String, double[]>> cells = new TreeMap<>(); // service NUL package → rule → points, count
        Set<String> rules = new TreeSet<>();
        for (Debt d : debts) {
            String pkg = d.finding().pkg().isEmpty() ? "(no package)" : d.finding().pkg();
            double[] c = cells.computeIfAbsent(d.service() + '\0' + pkg, k -> new TreeMap<>())
                    .computeIfAbsent(d.finding().rule(), k -> new double[2]);
            c[0] += d.points();
            c[1]++;
            rules.add(d.finding().rule());
        }
        double max = 0;
        for (Map<String, double[]> row : cells.values()) {
            for (double[] c : row.values()) {
                max = Math.max(max, c[0]);
            }
        }
        List<String> pkgs = new ArrayList<>(cells.keySet());
        pkgs.sort(Comparator.comparingDouble((String p) -> -cells.get(p).values().stream().mapToDouble(c -> c[0]).sum())
                .thenComparing(p -> p));
        h.append("<section id=\"heatmap\"><h2>Open debt by package and rule</h2>\n<p class=\"meta\">Latest run of each "
                + "service; a cell is the debt points of that package's open findings of that rule.</p>\n"
                + "<div class=\"scroll\"><table class=\"heat\"><thead><tr><th>service</th><th>package</th>");
        for (String r : rules) {
            h.append("<th class=\"rule\"><span>").append(esc(r)).append("</span></th>");
        }
        h.append("<th>total</th></tr></thead><tbody>\n");
        for (String key : pkgs) {
            String service = key.substring(0, key.indexOf('\0'));
            String p = key.substring(key.indexOf('\0') + 1);
            h.append("<tr><th class=\"svc\">").append(esc(service)).append("</th><th class=\"pkg\">").append(esc(p))
                    .append("</th>");
            double total = 0;
            for (String r : rules) {
                double[] c = cells.get(key).get(r);
                if (c == null) {
                    h.append("<td></td>");
                    continue;
                }
                total += c[0];
                double heat = max == 0 ? 0 : c[0] / max;
                h.append("<td class=\"cell\" style=\"background:hsl(").append(fmt(48 - 48 * heat)).append(",90%,")
                        .append(fmt(92 - 42 * heat)).append("%)\" title=\"").append(esc(p)).append(" · ").append(esc(r))
                        .append(": ").append((int) c[1]).append(" open, ").append(num(c[0])).append(" points\">")
                        .append(num(c[0])).append("</td>");
            }
            h.append("<td class=\"num\">").append(num(total)).append("</td></tr>\n");
        }
        h.append("</tbody></table></div></section>\n");
    }

    private static void top(StringBuilder h, List<Debt> debts) {
        List<Debt> sorted = new ArrayList<>(debts);
        sorted.sort(Comparator.comparingDouble(Debt::points).reversed()
                .thenComparing(d -> d.service()).thenComparing(d -> d.finding().where()));
        h.append("<section id=\"top-debts\"><h2>Top debts</h2>\n<table class=\"top\"><thead><tr><th>#</th><th>points</th>"
                + "<th>service</th><th>severity</th><th>rule</th><th>where</th><th>function</th><th>cost</th>"
                + "<th>report</th></tr></thead><tbody>\n");
        int n = 0;
        for (Debt d : sorted) {
            if (n == TOP) {
                break;
            }
            RunFinding f = d.finding();
            h.append("<tr class=\"").append(esc(f.severity())).append("\"><td class=\"num\">").append(++n)
                    .append("</td><td class=\"num\">").append(num(d.points())).append("</td><td>").append(esc(d.service()))
                    .append("</td><td><span class=\"sev\">").append(esc(f.severity())).append("</span>")
                    .append(d.added() ? " <span class=\"new\">new</span>" : "").append("</td><td>").append(esc(f.rule()))
                    .append("</td><td title=\"").append(esc(f.message())).append("\"><code>").append(esc(f.where()))
                    .append("</code></td><td><code>").append(esc(f.function())).append("</code></td><td class=\"num\">")
                    .append(f.cpuShare() == null && f.allocShare() == null ? "–" : pct(f.cost())).append("</td><td>");
            String link = safeLink(d.run().info().report());
            if (link != null) {
                h.append("<a href=\"").append(esc(link)).append("\">run ").append(d.run().id()).append("</a>");
            } else {
                h.append("run ").append(d.run().id());
            }
            h.append("</td></tr>\n");
        }
        h.append("</tbody></table>");
        if (sorted.size() > TOP) {
            h.append("<p class=\"meta\">").append(sorted.size() - TOP).append(" more open findings; ")
                    .append("<code>perfwarden debt show</code> counts them all.</p>");
        }
        h.append("</section>\n");
    }

    private static void contracts(StringBuilder h, List<ServiceRuns> services) {
        if (services.stream().allMatch(s -> s.contracts().isEmpty())) {
            return;
        }
        h.append("<section id=\"contracts\"><h2>Contracts (latest run)</h2>\n<table class=\"top\"><thead><tr>"
                + "<th>service</th><th>clause</th><th>verdict</th><th>measured</th></tr></thead><tbody>\n");
        for (ServiceRuns s : services) {
            for (ContractResult c : s.contracts()) {
                h.append("<tr class=\"").append(esc(c.verdict())).append("\"><td>").append(esc(s.service()))
                        .append("</td><td>").append(esc(c.contract())).append('/').append(esc(c.clause()))
                        .append("</td><td><span class=\"sev\">").append(esc(c.verdict())).append("</span></td><td title=\"")
                        .append(esc(c.evidence())).append("\">").append(esc(c.measurement())).append("</td></tr>\n");
            }
        }
        h.append("</tbody></table></section>\n");
    }

    /** A link the page may carry: http(s) or file URLs only (never {@code javascript:}), else null. */
    static String safeLink(String url) {
        String u = url == null ? "" : url.strip().toLowerCase(Locale.ROOT);
        return u.startsWith("https://") || u.startsWith("http://") || u.startsWith("file:/") ? url.strip() : null;
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    public static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String signed(double v) {
        return (v > 0 ? "+" : v < 0 ? "−" : "±") + num(Math.abs(v));
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static final String CSS = """
            body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1d2330;background:#fafbfc}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}h3{margin:0 0 4px;font-size:15px}
            .meta{color:#5b6475;margin:4px 0}
            .cards{display:flex;flex-wrap:wrap;gap:14px}
            .card{background:#fff;border:1px solid #dde1e8;border-radius:6px;padding:10px 12px}
            .card p{margin:0 0 6px}.points{font-size:18px}
            svg.trend{display:block;max-width:100%;height:auto}
            .line{fill:none;stroke:#c2410c;stroke-width:2}circle{fill:#c2410c}
            .axis{stroke:#9aa3b2;stroke-width:1}.lbl{font-size:10px;fill:#5b6475}.end{text-anchor:end}
            .scroll{overflow-x:auto}
            table{border-collapse:collapse;background:#fff}
            td,th{border:1px solid #e3e6ec;padding:4px 7px;text-align:left;vertical-align:bottom}
            .heat td.cell{text-align:right;min-width:44px;font-variant-numeric:tabular-nums}
            th.rule{height:120px;white-space:nowrap;vertical-align:bottom}
            th.rule span{display:inline-block;writing-mode:vertical-rl;transform:rotate(180deg)}
            th.svc{font-weight:normal}th.pkg{font-weight:normal;font-family:ui-monospace,monospace;font-size:12px}
            .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            code{font-size:12px}
            .sev{display:inline-block;border-radius:3px;padding:0 5px;font-size:12px;background:#e5e7eb}
            tr.error .sev,tr.violated .sev{background:#fecaca}tr.warning .sev,tr.unverified .sev{background:#fde68a}
            tr.met .sev{background:#bbf7d0}
            .new{display:inline-block;border-radius:3px;padding:0 5px;font-size:12px;background:#dbeafe;color:#1e3a8a}
            """;
}
