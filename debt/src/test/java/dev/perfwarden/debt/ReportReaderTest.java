package dev.perfwarden.debt;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportReaderTest {
    @TempDir
    Path tmp;

    @Test
    void aRealReportSplitsIntoFindingsAndContractVerdicts() throws Exception {
        List<JsonNode> raw = Reports.rawFindings(Reports.CONTRACT);
        Report r = Reports.read(Reports.CONTRACT);
        List<JsonNode> verdicts = raw.stream().filter(f -> f.get("rule").asText().startsWith("contract/")).toList();
        assertThat(verdicts).isNotEmpty();
        assertThat(r.findings()).hasSize(raw.size() - verdicts.size()).noneMatch(f -> f.rule().startsWith("contract/"));
        assertThat(r.packs()).contains("go-perf@");
        assertThat(r.contracts()).hasSize(verdicts.size()).allSatisfy(c -> {
            assertThat(c.contract()).isEqualTo("orders");
            assertThat(c.verdict()).isEqualTo("met"); // every clause of this run is met (all notes)
            assertThat(c.measurement()).startsWith("contract contract/orders/" + c.clause() + " met: ");
        });
        assertThat(r.contracts()).extracting(ContractResult::clause).contains("order-latency", "heap", "gc",
                "pricing-bench");
    }

    @Test
    void violatedAndMetVerdictsComeFromTheSeverity() {
        // contract check against the base benchmarks: the head run allocates more (docs/contracts.md)
        Report r = Reports.read(Reports.CONTRACT_CHECK);
        assertThat(r.findings()).isEmpty();
        assertThat(r.contracts()).filteredOn(c -> c.verdict().equals("violated")).hasSize(2).allSatisfy(c -> {
            assertThat(c.clause()).isEqualTo("pricing-bench");
            assertThat(c.measurement()).contains("B/op +");
            assertThat(c.evidence()).contains("bench: base Benchmark").contains("bench: head Benchmark");
        });
        assertThat(r.contracts()).filteredOn(c -> c.verdict().equals("met")).isNotEmpty();
    }

    @Test
    void findingsKeepFingerprintCostAndPackage() throws Exception {
        JsonNode first = Reports.rawFindings(Reports.V1).get(0);
        RunFinding f = Reports.read(Reports.V1).findings().get(0);
        assertThat(f.fingerprint()).isEqualTo(first.get("fingerprint").asText()).hasSize(64);
        assertThat(f.rule()).isEqualTo(first.get("rule").asText());
        assertThat(f.line()).isEqualTo(first.get("line").asInt());
        JsonNode cpu = first.get("cost").get("cpuShare");
        assertThat(f.cpuShare()).isEqualTo(cpu.isNull() ? null : cpu.asDouble());
        assertThat(f.pkg()).isEqualTo(RunFinding.packageOf(first.get("function").asText()));
    }

    @Test
    void packageOfASymbol() {
        assertThat(RunFinding.packageOf("example.com/orders/internal/pricing.(*Engine).Price"))
                .isEqualTo("example.com/orders/internal/pricing");
        assertThat(RunFinding.packageOf("main.NewPipeline.Recorder.func1")).isEqualTo("main");
        assertThat(RunFinding.packageOf("example.com/m.F[go.shape.*example.com/m/x.T]")).isEqualTo("example.com/m");
        assertThat(RunFinding.packageOf("")).isEmpty();
    }

    @Test
    void anythingElseIsRefusedWithWhereAndWhat() throws Exception {
        Path notJson = Files.writeString(tmp.resolve("a.json"), "{\n  \"tool\": {\"name\": \"perfwarden\",\n  oops");
        assertThatThrownBy(() -> ReportReader.read(notJson)).isInstanceOf(DebtException.class)
                .hasMessageStartingWith(notJson + ":3:3: not JSON: ");
        Path sarif = Files.writeString(tmp.resolve("b.sarif"), "{\"version\": \"2.1.0\", \"runs\": []}");
        assertThatThrownBy(() -> ReportReader.read(sarif)).isInstanceOf(DebtException.class)
                .hasMessageStartingWith(sarif + ": not a perfwarden JSON report");
        Path noPrint = Files.writeString(tmp.resolve("c.json"), "{\"tool\": {\"name\": \"perfwarden\"}, \"findings\": ["
                + "{\"rule\": \"r\", \"severity\": \"note\", \"fingerprint\": \"ab\"}, {\"rule\": \"r\", \"severity\": \"note\"}]}");
        assertThatThrownBy(() -> ReportReader.read(noPrint)).isInstanceOf(DebtException.class)
                .hasMessageStartingWith(noPrint + ": findings[1]: no 'fingerprint'");
        assertThatThrownBy(() -> ReportReader.read(tmp.resolve("missing.json"))).isInstanceOf(DebtException.class)
                .hasMessage(tmp.resolve("missing.json") + ": no such file");
    }
}
