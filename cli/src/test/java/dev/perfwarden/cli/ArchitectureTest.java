package dev.perfwarden.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering, checked on the compiled classes of every module: no package cycle anywhere, facts know no
 * Drools and no engine, the rule API knows nothing of the engine that runs it, the engine knows no CLI.
 * Each rule fails with the offending dependencies named (class, member, line).
 */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // the other modules are class folders under 'mvn test' and jars under 'mvn verify': import both
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.perfwarden");
    }

    @Test
    void everyModuleIsImported() {
        for (String p : List.of("dev.perfwarden.facts.core", "dev.perfwarden.engine.rule",
                "dev.perfwarden.engine.service", "dev.perfwarden.cli")) {
            assertThat(classes.containPackage(p)).as(p).isTrue();
        }
    }

    @Test
    void noPackageCycles() {
        ArchRule rule = slices().matching("dev.perfwarden.(**)").should().beFreeOfCycles();
        rule.check(classes);
    }

    @Test
    void everySha256IsMadeByTheOneHelper() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.perfwarden.facts.core.Sha256")
                .should().callMethod(java.security.MessageDigest.class, "getInstance", String.class)
                .because("one SHA-256 helper (facts.core.Sha256) makes every hash perfwarden writes")
                .check(classes);
    }

    @Test
    void everyAttributableFactHoldsOneOriginReadByTheDefaultAccessors() {
        var attributable = classes.stream().filter(c -> !c.isInterface()
                && c.isAssignableTo("dev.perfwarden.facts.core.Attributable")).toList();
        assertThat(attributable).as("Attributable records").hasSizeGreaterThanOrEqualTo(12);
        assertThat(attributable.stream().filter(c -> c.getFields().stream()
                        .noneMatch(f -> f.getRawType().getName().equals("dev.perfwarden.facts.core.Origin")))
                .map(c -> c.getName()).toList())
                .as("Attributable facts without an Origin component (docs/design/origin.md)").isEmpty();
        var accessors = java.util.Set.of("pkg", "compilerFunc", "symbol", "file", "line", "col", "attribution");
        assertThat(attributable.stream().flatMap(c -> c.getMethods().stream()
                        .filter(m -> m.getRawParameterTypes().isEmpty() && accessors.contains(m.getName()))
                        .map(m -> c.getSimpleName() + "." + m.getName() + "()")).toList())
                .as("accessors Attributable gives as default methods, declared again on a record").isEmpty();
    }

    @Test
    void factsKnowNoDroolsAndNoEngine() {
        noClasses().that().resideInAPackage("dev.perfwarden.facts..")
                .should().dependOnClassesThat().resideInAnyPackage("org.kie..", "org.drools..",
                        "dev.perfwarden.engine..", "dev.perfwarden.cli..")
                .check(classes);
    }

    @Test
    void ruleApiKnowsOnlyFactsAndKieApi() {
        noClasses().that().resideInAPackage("dev.perfwarden.engine.rule..")
                .or().haveFullyQualifiedName("dev.perfwarden.engine.model.Severity")
                .or().haveFullyQualifiedName("dev.perfwarden.engine.model.Scope")
                .or().haveFullyQualifiedName("dev.perfwarden.engine.model.CostSpec")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "engine classes outside the rule API, Drools internals or the CLI", a -> {
                            var c = a.getBaseComponentType();
                            return c.getPackageName().startsWith("dev.perfwarden.engine")
                                        && !c.getPackageName().equals("dev.perfwarden.engine.rule")
                                        && !c.getName().equals("dev.perfwarden.engine.model.Severity")
                                        && !c.getName().equals("dev.perfwarden.engine.model.Scope")
                                        && !c.getName().equals("dev.perfwarden.engine.model.CostSpec")
                                        // org.drools.model: the executable model's consequence context (Hits overloads)
                                        || c.getPackageName().startsWith("org.drools")
                                        && !c.getPackageName().equals("org.drools.model")
                                        || c.getPackageName().startsWith("dev.perfwarden.cli");
                        }))
                .check(classes);
    }

    @Test
    void engineKnowsNoCli() {
        noClasses().that().resideInAPackage("dev.perfwarden.engine..")
                .should().dependOnClassesThat().resideInAPackage("dev.perfwarden.cli..")
                .check(classes);
    }

    /** The engine and the facts name no rule of a pack: what a rule means lives in its pack. */
    @Test
    void engineAndFactsNameNoRuleId() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> ids = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root.resolve("rules/packs"))) {
            for (Path pack : dirs.filter(Files::isDirectory).toList()) {
                try (Stream<Path> rules = Files.list(pack)) {
                    rules.filter(d -> Files.isDirectory(d.resolve("fixture")) || Files.exists(d.resolve("doc.md")))
                            .forEach(d -> ids.add(d.getFileName().toString()));
                }
            }
        }
        assertThat(ids).contains("interface-escape", "malloc-hot");
        // the compiler's own message kind "leaking param" names the fact kind, and the rule after it
        ids.remove("leaking-param");
        Pattern literal = Pattern.compile("\"([a-z0-9-]+)\"");
        List<String> found = new ArrayList<>();
        for (String module : List.of("facts", "rule-api", "engine")) {
            try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main"))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    List<String> lines = read(f);
                    for (int i = 0; i < lines.size(); i++) {
                        if (lines.get(i).strip().startsWith("*") || lines.get(i).strip().startsWith("//")) {
                            continue; // documentation may show an example
                        }
                        Matcher m = literal.matcher(lines.get(i));
                        while (m.find()) {
                            if (ids.contains(m.group(1))) {
                                found.add(root.relativize(f) + ":" + (i + 1) + ": " + m.group());
                            }
                        }
                    }
                }
            }
        }
        assertThat(found).as("rule ids named in engine or facts sources").isEmpty();
    }

    private static List<String> read(Path f) {
        try {
            return Files.readAllLines(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
