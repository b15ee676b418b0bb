package dev.perfwarden.contracts.check;

import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.restrict.SessionLimitException;
import dev.perfwarden.engine.restrict.SessionLimits;
import dev.perfwarden.facts.contract.FunctionLimit;
import dev.perfwarden.facts.input.InputReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session's time limit broken while the facts are matched against a contract clause's pattern blames that clause
 * and where it is written, not the rule that fired last (attack5 probe 03 blamed perfwarden.prelude.weigh and advised
 * raising --limit time). The pattern here is linear (RE2) but large, and the limit tiny, so the matching is what
 * uses the session's time.
 */
class ContractPatternBlameTest {
    @Test
    void aTimeBreachWhileMatchingAClausePatternBlamesTheClause() throws Exception {
        RuleSet rules = RuleSet.build(List.of(ContractCheck.pack(ContractPatternBlameTest.class.getClassLoader())));
        InputReader.Result read = new InputReader().read(
                List.of(Checks.ROOT.resolve("examples/captured/orders/m2.txt").toString()),
                new ByteArrayInputStream(new byte[0]));
        List<Object> facts = new ArrayList<>(read.facts());
        String heavy = "((.|.){1,100}){1,100}!"; // RE2: some 20,000 instructions, run over every symbol
        for (int i = 0; i < 200; i++) {
            facts.add(new FunctionLimit("orders", "slow", heavy, "inline", "contract", "", 0, 0,
                    "contracts/orders.yaml", 7, 13 + i));
        }
        SessionLimitException e = null;
        try {
            rules.run(facts, Map.of(), SessionLimits.defaults().with(SessionLimits.TIME, "300ms"));
        } catch (SessionLimitException x) {
            e = x;
        }
        assertThat(e).as("the session's time limit breaks").isNotNull();
        assertThat(e.limit()).isEqualTo(SessionLimits.TIME);
        assertThat(e.getMessage()).contains("exceeded while matching the pattern of contract clause contract/orders/slow"
                + " (contracts/orders.yaml:7:").contains("simplify the clause's pattern").doesNotContain("--limit");
    }
}
