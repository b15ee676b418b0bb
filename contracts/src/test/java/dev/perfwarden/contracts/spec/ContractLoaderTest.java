package dev.perfwarden.contracts.spec;

import dev.perfwarden.engine.project.ConfigException;
import dev.perfwarden.facts.contract.ContractLimit;
import dev.perfwarden.facts.contract.RegressionLimit;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Contract files: units are explicit and converted; every mistake is an error at file:line:col naming the field. */
class ContractLoaderTest {
    static final Path ROOT = Path.of(System.getProperty("perfwarden.root", "..")).toAbsolutePath().normalize();

    @Test
    void theExampleContractLoadsWithCanonicalUnits() throws ConfigException {
        Contract c = ContractLoader.load(ROOT.resolve("examples/contracts/orders.yaml"));
        assertThat(c.service()).isEqualTo("orders");
        assertThat(c.clauses()).extracting(Contract.Clause::name).containsExactly("order-latency", "heap", "gc", "pricing-bench");
        assertThat(c.limits()).filteredOn(l -> l instanceof ContractLimit cl && cl.metric().equals("growth")).singleElement()
                .satisfies(l -> {
                    ContractLimit cl = (ContractLimit) l;
                    assertThat(cl.limit()).isEqualTo(15e6);
                    assertThat(cl.unit()).isEqualTo("B/min");
                    assertThat(cl.show(cl.limit())).isEqualTo("15MB/min");
                    assertThat(cl.where()).endsWith("orders.yaml:21:15");
                });
        assertThat(c.limits()).filteredOn(l -> l instanceof ContractLimit cl && cl.forSeconds() == 20).hasSize(1);
        assertThat(c.limits()).filteredOn(l -> l instanceof RegressionLimit).singleElement()
                .satisfies(l -> assertThat(((RegressionLimit) l).minDelta()).isEqualTo(0.05));
    }

    @Test
    void unitsOfEveryDimension() {
        assertThat(Quantity.parse("120ms", Quantity.Dim.DURATION).orElseThrow().value()).isEqualTo(120);
        assertThat(Quantity.parse("1.5s", Quantity.Dim.DURATION).orElseThrow().value()).isEqualTo(1500);
        assertThat(Quantity.parse("2m", Quantity.Dim.DURATION).orElseThrow().value()).isEqualTo(120000);
        assertThat(Quantity.parse("64MiB", Quantity.Dim.SIZE).orElseThrow().value()).isEqualTo(64 * 1048576.0);
        assertThat(Quantity.parse("200KB/s", Quantity.Dim.SIZE_RATE).orElseThrow().value()).isEqualTo(200e3 * 60);
        assertThat(Quantity.parse("3/min", Quantity.Dim.RATE).orElseThrow().value()).isEqualTo(3);
        assertThat(Quantity.parse("0.5/s", Quantity.Dim.RATE).orElseThrow().value()).isEqualTo(30);
        assertThat(Quantity.parse("5%", Quantity.Dim.PERCENT).orElseThrow().value()).isEqualTo(5);
        assertThat(Quantity.parse("120", Quantity.Dim.DURATION)).isEmpty();
        assertThat(Quantity.parse("15MB", Quantity.Dim.SIZE_RATE)).isEmpty();
        assertThat(Quantity.parse("3 per minute", Quantity.Dim.RATE)).isEmpty();
    }

    static String errors(String yaml) {
        try {
            ContractLoader.parse(yaml, "contracts/x.yaml");
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + yaml);
    }

    @Test
    void errorsNameFileLineColumnAndField() {
        assertThat(errors("service: orders\nclauses:\n  - name: a\n    latency: {p95: 120}\n"))
                .isEqualTo("contracts/x.yaml:4:20: error: clauses[0].latency.p95 needs an explicit unit: a duration such as 120ms, 1.5s, 2m, not the bare number 120");
        assertThat(errors("service: orders\nclauses:\n  - name: a\n    memory: {growth: 15MB}\n"))
                .isEqualTo("contracts/x.yaml:4:22: error: clauses[0].memory.growth must be a size per time such as 15MB/min, 200KB/s, not '15MB'");
        assertThat(errors("service: orders\nclauses:\n  - name: a\n    gc: {cycles: 3/min, pauses: 1ms}\n"))
                .isEqualTo("contracts/x.yaml:4:25: error: unknown key 'pauses' in clauses[0].gc (allowed: cpu, cycles, pause-max)");
        assertThat(errors("service: orders\nowner: me\nclauses: []\n"))
                .startsWith("contracts/x.yaml:2:1: error: unknown key 'owner'");
        assertThat(errors("service: orders\nclauses:\n  - name: a\n    gc: {cpu: 5%}\n  - name: a\n    gc: {cpu: 5%}\n"))
                .contains("contracts/x.yaml:5:11: error: clause name 'a' is used twice");
        assertThat(errors("service: orders\nclauses:\n  - name: a\n    gc: {cpu: 5%}\n    memory: {live-max: 1MB}\n"))
                .contains("must have exactly one of");
        assertThat(errors("service: orders\nclauses:\n  - name: b\n    bench: {benchmark: \"(\", max: {allocs/op: 1}}\n"))
                .contains("clauses[0].bench.benchmark is not a valid regular expression");
        assertThat(errors("clauses:\n  - name: a\n    gc: {cpu: 5%}\n")).contains("missing key 'service'");
        assertThat(errors("service: orders\nclauses:\n  - name: a\n    latency: {p95: 1ms, for: 1m}\n"))
                .contains("needs 'series'");
        assertThat(errors("service: orders\nclauses:\n  - name: f\n    functions: {symbol: Price, escapes: some}\n"))
                .isEqualTo("contracts/x.yaml:4:41: error: clauses[0].functions.escapes must be 'none', not the string 'some'");
        assertThat(errors("service: orders\nclauses:\n  - name: f\n    functions: {symbol: \"(\", inline: required}\n"))
                .contains("clauses[0].functions.symbol is not a valid regular expression");
        // RE2 (linear time), as the facts match: no lookaround, no backreferences, no million-copy repeats
        assertThat(errors("service: orders\nclauses:\n  - name: f\n    functions: {symbol: '(?=Price)', inline: required}\n"))
                .startsWith("contracts/x.yaml:4:25: error: clauses[0].functions.symbol is not a valid regular expression (RE2 syntax):");
        assertThat(errors("service: orders\nclauses:\n  - name: f\n    findings: {package: '(a)\\1', max: 0}\n"))
                .startsWith("contracts/x.yaml:4:25: error: clauses[0].findings.package is not a valid regular expression (RE2 syntax):");
        assertThat(errors("service: orders\nclauses:\n  - name: b\n    bench: {benchmark: '((a{100}){100}){100}', no-regression: true}\n"))
                .contains("clauses[0].bench.benchmark is not a valid regular expression (RE2 syntax): its repetitions multiply");
        assertThat(errors("service: orders\nclauses:\n  - name: f\n    findings: {rules: [malloc-hot], max: 0, new: none}\n"))
                .contains("needs exactly one of max (a number of findings) and new: none");
        assertThat(errors("service: orders\nclauses:\n  - name: f\n    findings: {max: 1.5}\n"))
                .contains("clauses[0].findings.max must be a whole number >= 0");
    }
}
