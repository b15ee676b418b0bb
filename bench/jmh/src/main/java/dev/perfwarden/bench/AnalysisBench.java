package dev.perfwarden.bench;

import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.input.InputReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The harness around the parsers: reading the whole bundled example (every capture, sniffed and parsed),
 * running the built-in go-perf pack over its facts in one session, and building the pack's KieBase from
 * the executable model compiled when perfwarden was built (what every start pays).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AnalysisBench {
    private List<Fact> facts;
    private RuleSet rules;

    @Setup
    public void setup() throws Exception {
        facts = read().facts();
        rules = RuleSet.build(List.of(PackLoader.loadBuiltin(getClass().getClassLoader(), "go-perf")));
    }

    private static InputReader.Result read() throws Exception {
        return new InputReader().read(List.of(Root.path("examples/captured/orders").toString()),
                InputStream.nullInputStream());
    }

    @Benchmark
    public int readExample() throws Exception {
        return read().facts().size();
    }

    @Benchmark
    public int runRules() {
        return rules.run(facts, Map.of()).size();
    }

    @Benchmark
    public Object buildPrecompiledKieBase() throws Exception {
        return RuleSet.build(List.of(PackLoader.loadBuiltin(getClass().getClassLoader(), "go-perf"))).kieBase();
    }
}
