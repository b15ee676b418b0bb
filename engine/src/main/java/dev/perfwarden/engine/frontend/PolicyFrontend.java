package dev.perfwarden.engine.frontend;

import dev.perfwarden.engine.pack.Frontends;
/**
 * Turns one rule source format into DRL before the KieBase is built. The pack loader picks the
 * front-end by file name ({@link #accepts}); the DRL it returns is then checked and compiled like a
 * hand-written {@code .drl}, and every error Drools reports on it is mapped back through
 * {@link Translation#lineMap()} to the line of the file the author wrote.
 *
 * <p>Built in: {@link DrlFrontend} ({@code .drl}, passed through), {@link DslrFrontend} ({@code .dslr}
 * with the pack's {@code .dsl}) and {@link dev.perfwarden.engine.frontend.yaml.YamlPolicyFrontend}
 * ({@code .rules.yaml}). A fourth language is a class implementing this interface with a public no-arg
 * constructor, named in {@code META-INF/services/dev.perfwarden.engine.frontend.PolicyFrontend} of a
 * jar on the class path (see {@link Frontends} and docs/rules.md).
 *
 * <p>Implementations must be stateless and thread-safe.
 */
public interface PolicyFrontend {
    /** Short id, e.g. {@code drl}, {@code dslr}, {@code yaml}; unique among the registered front-ends. */
    String id();

    /** Whether this front-end reads the file named {@code fileName} (the name only, no folder). */
    boolean accepts(String fileName);

    /**
     * Whether a file of this language may also sit at the pack root and define several rules there
     * (YAML policy files do); otherwise it must be the one rule source of a rule folder.
     */
    default boolean packLevel() {
        return false;
    }

    /**
     * Translates one source file. Never throws for a bad source: every problem goes into
     * {@link Translation#problems()} with the file and line the author has to fix.
     */
    Translation translate(SourceFile src, PackContext ctx);
}
