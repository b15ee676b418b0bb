package dev.perfwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code baseline create}, then at once {@code analyze --baseline}: the fresh baseline accepts every finding of the
 * run at every severity, also those a report folds into another rule's finding on the same line (attack5 probe 10:
 * 19 notes came back and a --fail-on note gate failed), on the real captures of examples/orders.
 */
class BaselineCliTest {
    static final Path ORDERS = Cli.root().resolve("examples/captured/orders");

    @Test
    void aFreshBaselineAcceptsEveryFindingAtEverySeverity(@TempDir Path tmp) throws Exception {
        String[] in = {ORDERS.resolve("m2.txt").toString(), ORDERS.resolve("cpu.pprof").toString(),
                ORDERS.resolve("objdump.txt").toString()};
        Cli.Run all = Cli.run(concat(new String[]{"analyze", "--no-config", "--format", "json", "--fail-on", "none"}, in));
        assertThat(all.exit()).as(all.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(all.out());
        int groups = doc.path("findings").size();
        int related = 0;
        for (JsonNode f : doc.path("findings")) {
            related += f.path("related").size();
        }
        assertThat(related).as("some findings are folded into another rule's on their line").isPositive();

        Path base = tmp.resolve("base.json");
        Cli.Run create = Cli.run(concat(new String[]{"baseline", "create", "--no-config", "--out", base.toString()}, in));
        assertThat(create.exit()).as(create.err()).isZero();
        assertThat(create.out()).contains("wrote " + (groups + related) + " finding(s) to " + base);

        for (String gate : new String[]{"note", "warning", "error"}) {
            Cli.Run r = Cli.run(concat(new String[]{"analyze", "--no-config", "--baseline", base.toString(), "--all",
                    "--fail-on", gate}, in));
            assertThat(r.exit()).as("--fail-on %s: %s", gate, r.out()).isZero();
            assertThat(r.out()).contains("0 findings; gate: pass").contains((groups + related) + " hidden: " + (groups + related) + " in baseline");
        }
        Cli.Run json = Cli.run(concat(new String[]{"analyze", "--no-config", "--baseline", base.toString(), "--format",
                "json", "--fail-on", "note"}, in));
        assertThat(json.exit()).as(json.err()).isZero();
        assertThat(new ObjectMapper().readTree(json.out()).path("findings")).isEmpty();
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
