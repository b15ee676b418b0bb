package dev.perfwarden.debt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real reports the tests record (src/test/resources/reports, made by reports/regen.sh): {@code perfwarden scan
 * --bench .} of the orders example (v1), of a copy whose ParseOrder preallocates its lines and whose FormatOrder
 * uses a strings.Builder (v2: debt fixed), and of v2 with an fmt.Sprintf added to parseItem (v3: debt added);
 * {@code analyze} of the bundled orders captures with the orders contract (findings and contract verdicts, all
 * met); and {@code contract check} of the same contract against the base and head benchmarks (two violated).
 */
final class Reports {
    static final String V1 = "orders-v1.json";
    static final String V2 = "orders-v2.json";
    static final String V3 = "orders-v3.json";
    static final String CONTRACT = "orders-captured-contract.json";
    static final String CONTRACT_CHECK = "orders-contract-check.json";

    private Reports() {
    }

    static Path path(String name) {
        try {
            return Path.of(Reports.class.getResource("/reports/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Report read(String name) {
        return ReportReader.read(path(name));
    }

    /** The findings of the raw JSON (contract verdicts included), as the report holds them. */
    static List<JsonNode> rawFindings(String name) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        new ObjectMapper().readTree(path(name).toFile()).get("findings").forEach(out::add);
        return out;
    }
}
