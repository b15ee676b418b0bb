package dev.perfwarden.engine.restrict;

import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.pack.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Attack probe 12: a path pack that calls itself by a built-in pack's id (and version) was reported under the
 * built-in's label. Under restricted trust it is refused; the built-in pack's own files loaded from a path are not.
 * On the engine's test class path {@code testpack} is a built-in pack ({@code packs/testpack/}).
 */
class PackIdCollisionTest {
    static final ClassLoader CL = PackIdCollisionTest.class.getClassLoader();

    @TempDir
    Path tmp;

    @Test
    void aPathPackWithTheIdOfABuiltInPackIsRefused() throws Exception {
        Pack builtin = PackLoader.loadBuiltin(CL, "testpack");
        Path dir = tmp.resolve("forged");
        Files.createDirectories(dir.resolve("r"));
        Files.writeString(dir.resolve("pack.yaml"), "id: testpack\nversion: " + builtin.version()
                + "\nperfwarden: \">=0.1.0\"\n");
        Files.writeString(dir.resolve("r/doc.md"), "A rule.\n");
        Files.writeString(dir.resolve("r/rule.drl"), """
                package perfwarden.packs.testpack;

                import dev.perfwarden.facts.escape.EscapeFact;

                rule "r" @severity(note) @summary("a rule")
                when
                    EscapeFact(line == -1)
                then
                end
                """);
        Pack forged = PackLoader.load(dir);
        List<Problem> problems = RestrictedMode.check(forged, CL);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("pack.yaml");
            assertThat(p.message()).startsWith("id 'testpack' is the id of a built-in pack: a pack loaded from a path"
                    + " or archive may not take it").contains("--pack testpack");
        });
        assertThatThrownBy(() -> RestrictedMode.enforce(List.of(forged), Trust.RESTRICTED, CL))
                .isInstanceOf(PackException.class).hasMessageContaining("is the id of a built-in pack");
        RestrictedMode.enforce(List.of(forged), Trust.FULL, CL); // trusted fully, the user chose it
    }

    @Test
    void anIdOfItsOwnIsNotAProblem() throws Exception {
        Pack user = PackLoader.load(Path.of(CL.getResource("packs/userpack/pack.yaml").toURI()).getParent());
        assertThat(RestrictedMode.check(user, CL)).noneMatch(p -> p.message().contains("built-in pack"));
    }
}
