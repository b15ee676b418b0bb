package dev.perfwarden.engine.frontend.yaml;

import dev.perfwarden.engine.frontend.PackContext;
import dev.perfwarden.engine.frontend.PolicyFrontend;
import dev.perfwarden.engine.frontend.SourceFile;
import dev.perfwarden.engine.frontend.Translation;

/**
 * YAML policies ({@code *.rules.yaml}): declarative matches over fact types, field conditions, joins
 * on the same function or line, absence, parameter thresholds and the finding to report. No Java and
 * no DRL inside: {@link PolicyCompiler} generates the DRL, checking every field against the fact
 * records and escaping every value, and maps each DRL line to the YAML line it came from.
 *
 * <p>Such a file is either the rule source of a rule folder ({@code <rule-id>/rule.rules.yaml}, one
 * rule named like the folder) or a policy file at the pack root holding any number of rules.
 */
public final class YamlPolicyFrontend implements PolicyFrontend {
    @Override
    public String id() {
        return "yaml";
    }

    @Override
    public boolean accepts(String fileName) {
        return fileName.endsWith(".rules.yaml") || fileName.endsWith(".rules.yml");
    }

    @Override
    public boolean packLevel() {
        return true;
    }

    @Override
    public Translation translate(SourceFile src, PackContext ctx) {
        return new PolicyCompiler(src, ctx, FactTypes.get()).compile();
    }
}
