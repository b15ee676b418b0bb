package dev.perfwarden.contracts.spec;

import dev.perfwarden.engine.project.ConfigException;
import dev.perfwarden.engine.rule.Regex;
import dev.perfwarden.engine.project.ConfigYaml;
import dev.perfwarden.engine.yaml.YamlNode;
import dev.perfwarden.facts.contract.ContractLimit;
import dev.perfwarden.facts.contract.ContractRegex;
import dev.perfwarden.facts.contract.FindingsLimit;
import dev.perfwarden.facts.contract.FunctionLimit;
import dev.perfwarden.facts.contract.RegressionLimit;
import dev.perfwarden.facts.core.Fact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads contract files ({@code contracts/<service>.yaml}, or the {@code contracts:} list of
 * {@code .perfwarden.yaml}) with the project's position-aware YAML reader ({@link YamlNode}) and
 * checks them as docs/contract.schema.json describes: unknown keys, wrong types, units that do not
 * fit, bad regular expressions and duplicate clause names are errors at file:line:col naming the
 * field. All problems of a file are reported at once ({@link ConfigException}).
 */
public final class ContractLoader {
    static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9._-]*$");
    static final List<String> KINDS = List.of("latency", "memory", "gc", "bench", "functions", "findings");
    static final Map<String, String> PERCENTILES = new LinkedHashMap<>();

    static {
        PERCENTILES.put("p50", "p50");
        PERCENTILES.put("p90", "p90");
        PERCENTILES.put("p95", "p95");
        PERCENTILES.put("p99", "p99");
        PERCENTILES.put("avg", "avg");
        PERCENTILES.put("max", "max");
    }

    private ContractLoader() {
    }

    /** A contract file: one contract at its root. */
    public static Contract load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, 0, "cannot read contract: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public static Contract parse(String text, String file) throws ConfigException {
        YamlNode root = ConfigYaml.parse(text, file);
        ConfigYaml.Errors errors = new ConfigYaml.Errors(file);
        Contract c = contract(root, errors);
        errors.throwIfAny();
        return c;
    }

    /** The {@code contracts:} list of a project file (each item a contract as in a contract file). */
    public static List<Contract> parseList(YamlNode list, String file) throws ConfigException {
        ConfigYaml.Errors errors = new ConfigYaml.Errors(file);
        List<Contract> out = new ArrayList<>();
        if (!list.isList()) {
            errors.at(list, "contracts must be a list of contracts, not " + list.describeValue());
        } else {
            Set<String> seen = new LinkedHashSet<>();
            for (YamlNode item : list.list()) {
                Contract c = contract(item, errors);
                if (c != null && !seen.add(c.service())) {
                    errors.at(item, "service '" + c.service() + "' has two contracts");
                }
                out.add(c);
            }
        }
        errors.throwIfAny();
        return out;
    }

    private static Contract contract(YamlNode root, ConfigYaml.Errors errors) {
        String file = errors.file();
        if (!root.isMap()) {
            errors.at(root, "a contract must be a map with service, packages, paths and clauses, not " + root.describeValue());
            return null;
        }
        errors.onlyKeys(root, "service", "description", "packages", "paths", "clauses");
        String service = string(root, "service", errors, true);
        if (service != null && !NAME.matcher(service).matches()) {
            errors.at(root.get("service"), "service '" + service + "' must be lower-case letters, digits, '.', '_' or '-' (it becomes part of rule ids)");
        }
        List<String> packages = strings(root, "packages", errors);
        List<String> paths = strings(root, "paths", errors);
        List<Contract.Clause> clauses = new ArrayList<>();
        List<Fact> limits = new ArrayList<>();
        YamlNode cl = root.get("clauses");
        if (cl == null) {
            errors.at(root, "missing key 'clauses' (a list of named clauses)");
        } else if (!cl.isList()) {
            errors.at(cl, "clauses must be a list, not " + cl.describeValue());
        } else {
            Set<String> names = new LinkedHashSet<>();
            for (YamlNode item : cl.list()) {
                clause(item, service == null ? "?" : service, file, errors, names, clauses, limits);
            }
        }
        return new Contract(service == null ? "?" : service, packages, paths, clauses, limits, file);
    }

    private static void clause(YamlNode item, String service, String file, ConfigYaml.Errors errors, Set<String> names,
                               List<Contract.Clause> clauses, List<Fact> limits) {
        if (!item.isMap()) {
            errors.at(item, "a clause must be a map with a name and one of " + KINDS + ", not " + item.describeValue());
            return;
        }
        List<String> allowed = new ArrayList<>(KINDS);
        allowed.add("name");
        allowed.add("description");
        errors.onlyKeys(item, allowed.toArray(new String[0]));
        String name = string(item, "name", errors, true);
        if (name == null) {
            return;
        }
        if (!NAME.matcher(name).matches()) {
            errors.at(item.get("name"), "clause name '" + name + "' must be lower-case letters, digits, '.', '_' or '-'");
        }
        if (!names.add(name)) {
            errors.at(item.get("name"), "clause name '" + name + "' is used twice in this contract");
        }
        List<String> kinds = KINDS.stream().filter(k -> item.get(k) != null).toList();
        if (kinds.size() != 1) {
            errors.at(item, "clause '" + name + "' must have exactly one of " + KINDS + (kinds.isEmpty() ? "" : ", not " + kinds));
            return;
        }
        String kind = kinds.get(0);
        YamlNode body = item.get(kind);
        clauses.add(new Contract.Clause(name, kind, file, item.line(), item.col()));
        Ctx ctx = new Ctx(service, name, file, errors, limits);
        switch (kind) {
            case "latency" -> eachItem(body, ctx, ContractLoader::latency);
            case "memory" -> memory(body, ctx);
            case "gc" -> gc(body, ctx);
            case "bench" -> eachItem(body, ctx, ContractLoader::bench);
            case "functions" -> eachItem(body, ctx, ContractLoader::functions);
            case "findings" -> eachItem(body, ctx, ContractLoader::findings);
            default -> throw new IllegalStateException(kind);
        }
    }

    record Ctx(String service, String clause, String file, ConfigYaml.Errors errors, List<Fact> limits) {
    }

    interface ItemReader {
        void read(YamlNode item, Ctx ctx);
    }

    private static void eachItem(YamlNode body, Ctx ctx, ItemReader reader) {
        if (body.isMap()) {
            reader.read(body, ctx);
        } else if (body.isList() && !body.list().isEmpty()) {
            body.list().forEach(i -> {
                if (i.isMap()) {
                    reader.read(i, ctx);
                } else {
                    ctx.errors.at(i, i.path() + " must be a map, not " + i.describeValue());
                }
            });
        } else {
            ctx.errors.at(body, body.path() + " must be a map or a non-empty list of maps, not " + body.describeValue());
        }
    }

    private static void latency(YamlNode n, Ctx ctx) {
        List<String> keys = new ArrayList<>(PERCENTILES.keySet());
        keys.addAll(List.of("operation", "metric", "for", "series"));
        ctx.errors.onlyKeys(n, keys.toArray(new String[0]));
        String op = optString(n, "operation", ctx.errors);
        String metric = optString(n, "metric", ctx.errors);
        double forSeconds = 0;
        String series = optString(n, "series", ctx.errors);
        YamlNode f = n.get("for");
        if (f != null) {
            Optional<Quantity> q = quantity(f, Quantity.Dim.DURATION, ctx.errors);
            if (q.isPresent()) {
                forSeconds = q.get().value() / 1000;
            }
            if (series == null) {
                ctx.errors.at(f, n.path() + ".for needs 'series': the query_range capture (file name or glob) whose consecutive points it checks");
            }
        } else if (series != null) {
            ctx.errors.at(n.get("series"), n.path() + ".series is only read with 'for'");
        }
        boolean any = false;
        for (String p : PERCENTILES.keySet()) {
            YamlNode v = n.get(p);
            if (v == null) {
                continue;
            }
            any = true;
            final double fs = forSeconds;
            final String se = series;
            quantity(v, Quantity.Dim.DURATION, ctx.errors).ifPresent(q -> ctx.limits.add(new ContractLimit(ctx.service,
                    ctx.clause, "latency", p, op == null ? "" : op, q.value(), q.unit(), q.written(), q.writtenUnit(),
                    q.scale(), fs, se, metric, ctx.file, v.line(), v.col())));
        }
        if (!any) {
            ctx.errors.at(n, n.path() + " bounds nothing: give at least one of " + PERCENTILES.keySet());
        }
    }

    private static void memory(YamlNode n, Ctx ctx) {
        if (!n.isMap()) {
            ctx.errors.at(n, n.path() + " must be a map with growth and/or live-max, not " + n.describeValue());
            return;
        }
        ctx.errors.onlyKeys(n, "growth", "live-max");
        limit(n, "growth", "growth", Quantity.Dim.SIZE_RATE, "memory", ctx);
        limit(n, "live-max", "live-max", Quantity.Dim.SIZE, "memory", ctx);
        if (n.get("growth") == null && n.get("live-max") == null) {
            ctx.errors.at(n, n.path() + " bounds nothing: give growth (e.g. 15MB/min) and/or live-max (e.g. 64MB)");
        }
    }

    private static void gc(YamlNode n, Ctx ctx) {
        if (!n.isMap()) {
            ctx.errors.at(n, n.path() + " must be a map with cycles, cpu and/or pause-max, not " + n.describeValue());
            return;
        }
        ctx.errors.onlyKeys(n, "cycles", "cpu", "pause-max");
        limit(n, "cycles", "cycles", Quantity.Dim.RATE, "gc", ctx);
        limit(n, "cpu", "cpu", Quantity.Dim.PERCENT, "gc", ctx);
        limit(n, "pause-max", "pause-max", Quantity.Dim.DURATION, "gc", ctx);
        if (n.get("cycles") == null && n.get("cpu") == null && n.get("pause-max") == null) {
            ctx.errors.at(n, n.path() + " bounds nothing: give cycles (e.g. 3/min), cpu (e.g. 5%) and/or pause-max (e.g. 1ms)");
        }
    }

    private static void limit(YamlNode n, String key, String metric, Quantity.Dim dim, String kind, Ctx ctx) {
        YamlNode v = n.get(key);
        if (v == null) {
            return;
        }
        quantity(v, dim, ctx.errors).ifPresent(q -> ctx.limits.add(new ContractLimit(ctx.service, ctx.clause, kind, metric,
                "", q.value(), q.unit(), q.written(), q.writtenUnit(), q.scale(), 0, null, null, ctx.file, v.line(), v.col())));
    }

    private static void bench(YamlNode n, Ctx ctx) {
        ctx.errors.onlyKeys(n, "benchmark", "max", "no-regression");
        String re = optString(n, "benchmark", ctx.errors);
        if (re == null) {
            ctx.errors.at(n, n.path() + " needs 'benchmark': a regular expression over benchmark names (as go test -bench)");
            return;
        }
        regex(n.get("benchmark"), re, ctx.errors);
        YamlNode max = n.get("max");
        if (max != null) {
            if (!max.isMap() || max.map().isEmpty()) {
                ctx.errors.at(max, max.path() + " must map units to limits, e.g. {sec/op: 2ms, B/op: 64KB, allocs/op: 100}");
            } else {
                for (Map.Entry<String, YamlNode> e : max.map().entrySet()) {
                    String unit = e.getKey();
                    YamlNode v = e.getValue();
                    Quantity.Dim dim = switch (unit) {
                        case "sec/op", "ns/op" -> Quantity.Dim.DURATION;
                        case "B/op" -> Quantity.Dim.SIZE;
                        default -> Quantity.Dim.COUNT;
                    };
                    String benchUnit = unit.equals("ns/op") ? "sec/op" : unit;
                    quantity(v, dim, ctx.errors).ifPresent(q -> {
                        // sec/op limits are compared in seconds, as benchstat shows them
                        double value = benchUnit.equals("sec/op") ? q.value() / 1000 : q.value();
                        double scale = benchUnit.equals("sec/op") ? q.scale() / 1000 : q.scale();
                        ctx.limits.add(new ContractLimit(ctx.service, ctx.clause, "bench", benchUnit, re, value, benchUnit,
                                q.written(), q.writtenUnit(), scale, 0, null, null, ctx.file, v.line(), v.col()));
                    });
                }
            }
        }
        YamlNode nr = n.get("no-regression");
        if (nr != null) {
            regression(nr, re, ctx);
        }
        if (max == null && nr == null) {
            ctx.errors.at(n, n.path() + " bounds nothing: give max and/or no-regression");
        }
    }

    private static void regression(YamlNode nr, String re, Ctx ctx) {
        double alpha = 0.05;
        double minDelta = 0;
        List<String> units = List.of();
        if (nr.kind() == YamlNode.Kind.BOOLEAN) {
            if (!Boolean.TRUE.equals(nr.scalar())) {
                ctx.errors.at(nr, nr.path() + ": write no-regression: true or a map, or leave it out");
                return;
            }
        } else if (nr.isMap()) {
            ctx.errors.onlyKeys(nr, "alpha", "min-delta", "units");
            YamlNode a = nr.get("alpha");
            if (a != null) {
                if (a.kind() != YamlNode.Kind.NUMBER || ((Number) a.scalar()).doubleValue() <= 0
                        || ((Number) a.scalar()).doubleValue() >= 1) {
                    ctx.errors.at(a, a.path() + " must be a number between 0 and 1 (e.g. 0.05), not " + a.describeValue());
                } else {
                    alpha = ((Number) a.scalar()).doubleValue();
                }
            }
            YamlNode md = nr.get("min-delta");
            if (md != null) {
                Optional<Quantity> q = quantity(md, Quantity.Dim.PERCENT, ctx.errors);
                if (q.isPresent()) {
                    minDelta = q.get().value() / 100;
                }
            }
            YamlNode u = nr.get("units");
            if (u != null) {
                units = strings(nr, "units", ctx.errors).stream().map(x -> x.equals("ns/op") ? "sec/op" : x).toList();
            }
        } else {
            ctx.errors.at(nr, nr.path() + " must be true or a map with alpha, min-delta, units, not " + nr.describeValue());
            return;
        }
        ctx.limits.add(new RegressionLimit(ctx.service, ctx.clause, re, units, alpha, minDelta, ctx.file, nr.line(), nr.col()));
    }

    private static void functions(YamlNode n, Ctx ctx) {
        ctx.errors.onlyKeys(n, "symbol", "inline", "escapes", "bounds-checks", "allocs");
        String re = optString(n, "symbol", ctx.errors);
        if (re == null) {
            ctx.errors.at(n, n.path() + " needs 'symbol': a regular expression over function symbols (pkg.(*T).M)");
            return;
        }
        regex(n.get("symbol"), re, ctx.errors);
        boolean any = false;
        for (String[] p : new String[][]{{"inline", "required"}, {"escapes", "none"}, {"bounds-checks", "none"}, {"allocs", "none"}}) {
            YamlNode v = n.get(p[0]);
            if (v == null) {
                continue;
            }
            any = true;
            if (!p[1].equals(v.text())) {
                ctx.errors.at(v, v.path() + " must be '" + p[1] + "', not " + v.describeValue());
                continue;
            }
            ctx.limits.add(new FunctionLimit(ctx.service, ctx.clause, re, p[0], "contract", "", 0, 0, ctx.file, v.line(), v.col()));
        }
        if (!any) {
            ctx.errors.at(n, n.path() + " requires nothing: give inline: required, escapes: none, bounds-checks: none and/or allocs: none");
        }
    }

    private static void findings(YamlNode n, Ctx ctx) {
        ctx.errors.onlyKeys(n, "rules", "package", "max", "new");
        List<String> rules = n.get("rules") == null ? List.of() : strings(n, "rules", ctx.errors);
        String pkg = optString(n, "package", ctx.errors);
        if (pkg != null) {
            regex(n.get("package"), pkg, ctx.errors);
        }
        YamlNode max = n.get("max");
        YamlNode nw = n.get("new");
        if ((max == null) == (nw == null)) {
            ctx.errors.at(n, n.path() + " needs exactly one of max (a number of findings) and new: none (against --baseline)");
            return;
        }
        if (max != null) {
            if (max.kind() != YamlNode.Kind.NUMBER || ((Number) max.scalar()).doubleValue() < 0
                    || ((Number) max.scalar()).doubleValue() != Math.rint(((Number) max.scalar()).doubleValue())) {
                ctx.errors.at(max, max.path() + " must be a whole number >= 0, not " + max.describeValue());
                return;
            }
            ctx.limits.add(new FindingsLimit(ctx.service, ctx.clause, rules, pkg == null ? "" : pkg,
                    ((Number) max.scalar()).intValue(), false, ctx.file, max.line(), max.col()));
        } else {
            if (!"none".equals(nw.text())) {
                ctx.errors.at(nw, nw.path() + " must be 'none', not " + nw.describeValue());
                return;
            }
            ctx.limits.add(new FindingsLimit(ctx.service, ctx.clause, rules, pkg == null ? "" : pkg, 0, true,
                    ctx.file, nw.line(), nw.col()));
        }
    }

    // ------------------------------------------------------------------ helpers

    private static Optional<Quantity> quantity(YamlNode v, Quantity.Dim dim, ConfigYaml.Errors errors) {
        if (!v.isScalar() || v.text() == null) {
            errors.at(v, v.path() + " must be " + Quantity.expected(dim) + ", not " + v.describeValue());
            return Optional.empty();
        }
        if (v.kind() == YamlNode.Kind.NUMBER && dim != Quantity.Dim.COUNT) {
            errors.at(v, v.path() + " needs an explicit unit: " + Quantity.expected(dim) + ", not the bare number " + v.text());
            return Optional.empty();
        }
        Optional<Quantity> q = Quantity.parse(v.text(), dim);
        if (q.isEmpty()) {
            errors.at(v, v.path() + " must be " + Quantity.expected(dim) + ", not '" + v.text() + "'");
        }
        return q;
    }

    /**
     * Checks a pattern as RE2 (the contract facts match with {@link ContractRegex}, in linear time: a repository's
     * contract must not be able to backtrack for minutes) and compiles it once, now.
     */
    private static void regex(YamlNode n, String re, ConfigYaml.Errors errors) {
        Optional<String> problem = Regex.problem(re);
        if (problem.isPresent()) {
            errors.at(n, n.path() + " is not a valid regular expression (RE2 syntax): " + problem.get());
            return;
        }
        ContractRegex.compile(re);
    }

    private static String string(YamlNode map, String key, ConfigYaml.Errors errors, boolean required) {
        YamlNode v = map.get(key);
        if (v == null) {
            if (required) {
                errors.at(map, "missing key '" + key + "'" + (map.path().isEmpty() ? "" : " in " + map.path()));
            }
            return null;
        }
        if (v.kind() != YamlNode.Kind.STRING || v.text().isBlank()) {
            errors.at(v, v.path() + " must be a non-empty string, not " + v.describeValue());
            return null;
        }
        return v.text();
    }

    private static String optString(YamlNode map, String key, ConfigYaml.Errors errors) {
        return string(map, key, errors, false);
    }

    private static List<String> strings(YamlNode map, String key, ConfigYaml.Errors errors) {
        YamlNode v = map.get(key);
        if (v == null) {
            return List.of();
        }
        if (v.kind() == YamlNode.Kind.STRING) {
            return List.of(v.text());
        }
        if (!v.isList()) {
            errors.at(v, v.path() + " must be a string or a list of strings, not " + v.describeValue());
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (YamlNode i : v.list()) {
            if (i.kind() != YamlNode.Kind.STRING) {
                errors.at(i, i.path() + " must be a string, not " + i.describeValue());
            } else {
                out.add(i.text());
            }
        }
        return out;
    }
}
