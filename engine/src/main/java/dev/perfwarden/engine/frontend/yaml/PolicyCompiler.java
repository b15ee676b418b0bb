package dev.perfwarden.engine.frontend.yaml;

import dev.perfwarden.engine.frontend.PackContext;
import dev.perfwarden.engine.frontend.SourceFile;
import dev.perfwarden.engine.frontend.Translation;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Policy;

/**
 * Compiles one YAML policy file into DRL in two steps: {@link PolicyReader} reads the YAML into a typed
 * {@link PolicyAst} and checks every value there (ids, severities, fact types, fields against the record
 * components, value types, regexes, parameters, placeholders); {@link DrlEmitter} writes the checked tree
 * as DRL, every value an escaped literal, nothing the author wrote pasted in as code.
 *
 * <p>The language is described in docs/rules.md; its words are in {@link PolicySyntax}.
 */
final class PolicyCompiler {
    private final SourceFile src;
    private final PackContext ctx;
    private final FactTypes types;

    PolicyCompiler(SourceFile src, PackContext ctx, FactTypes types) {
        this.src = src;
        this.ctx = ctx;
        this.types = types;
    }

    Translation compile() {
        PolicyProblems problems = new PolicyProblems(src.path());
        Policy policy = new PolicyReader(src.text(), ctx, types, problems).read();
        if (policy == null) {
            return Translation.failed(problems.all());
        }
        return new DrlEmitter(ctx).emit(policy);
    }
}
