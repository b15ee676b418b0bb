package dev.perfwarden.debt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code debt show} as text (a table per service) or JSON ({@code {"runs":[…], "since":…, "services":[…], "debts":[…]}}). */
public final class ShowRenderer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private ShowRenderer() {
    }

    public static String text(DebtLedger.View view) {
        StringBuilder sb = new StringBuilder();
        if (view.services().isEmpty()) {
            return "no runs recorded" + "\n";
        }
        for (DebtLedger.ServiceDebt s : view.services()) {
            sb.append(s.service()).append(": ").append(describe(s.head()));
            sb.append(s.baseline() == null ? ", no earlier run to compare with (all open findings are new)"
                    : ", compared with " + describe(s.baseline())).append('\n');
            sb.append(String.format(Locale.ROOT, "  %-34s %6s %6s %6s %9s%n", "rule", "open", "new", "fixed", "points"));
            for (DebtLedger.RuleDebt r : s.rules()) {
                sb.append(String.format(Locale.ROOT, "  %-34s %6d %6d %6d %9.1f%n", r.rule(), r.open(), r.added(),
                        r.fixed(), r.points()));
            }
            sb.append(String.format(Locale.ROOT, "  %-34s %6d %6d %6d %9.1f%n%n", "total", s.open(), s.added(), s.fixed(),
                    s.points()));
        }
        sb.append(view.runs().size()).append(view.runs().size() == 1 ? " run" : " runs").append(" of ")
                .append(view.services().size()).append(view.services().size() == 1 ? " service" : " services")
                .append("; new and fixed since ").append(view.since().text()).append('\n');
        return sb.toString();
    }

    private static String describe(RunRow r) {
        String commit = r.info().commit().isEmpty() ? "no commit" : abbrev(r.info().commit());
        String branch = r.info().branch().isEmpty() ? "" : " on " + r.info().branch();
        return "run " + r.id() + " (" + commit + branch + ", " + MINUTE.format(r.info().time()) + ")";
    }

    static String abbrev(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    public static String json(DebtLedger.View view) {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Object> runs = new ArrayList<>();
        for (RunRow r : view.runs()) {
            runs.add(run(r));
        }
        root.put("runs", runs);
        root.put("since", view.since() == Since.PREVIOUS ? "previous" : view.since().text());
        root.put("weights", view.weights().describe());
        List<Object> services = new ArrayList<>();
        List<Object> debts = new ArrayList<>();
        for (DebtLedger.ServiceDebt s : view.services()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service", s.service());
            m.put("head", s.head().id());
            m.put("baseline", s.baseline() == null ? null : s.baseline().id());
            m.put("open", s.open());
            m.put("new", s.added());
            m.put("fixed", s.fixed());
            m.put("points", s.points());
            services.add(m);
            for (DebtLedger.RuleDebt r : s.rules()) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("service", s.service());
                d.put("rule", r.rule());
                d.put("open", r.open());
                d.put("new", r.added());
                d.put("fixed", r.fixed());
                d.put("points", r.points());
                debts.add(d);
            }
        }
        root.put("services", services);
        root.put("debts", debts);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> run(RunRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("service", r.info().service());
        m.put("commit", r.info().commit());
        m.put("branch", r.info().branch());
        m.put("time", r.info().time().toString());
        m.put("report", r.info().report());
        m.put("toolVersion", r.toolVersion());
        m.put("findings", r.findings());
        return m;
    }
}
