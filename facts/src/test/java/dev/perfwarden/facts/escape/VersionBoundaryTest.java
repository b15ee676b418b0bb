package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.parse.InputSource;
import dev.perfwarden.facts.parse.ParseContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the -m=2 explanation format changed, pinned on the same program (the interface-escape fixture) built by
 * four compilers: Go 1.23.5 and 1.24.13 write {@code flow: A = B} and block headers without the function; Go
 * 1.25.14 and 1.26.8 write {@code flow: A ← B} and {@code X escapes to heap in F:}. Both forms give the same facts,
 * the newer one with the function the compiler named.
 */
class VersionBoundaryTest {
    @ParameterizedTest
    @CsvSource({"go1.23.5,false", "go1.24.13,false", "go1.25.14,true", "go1.26.8,true"})
    void flowArrowsAndFunctionHeadersStartWithGo125(String version, boolean newForm) throws Exception {
        Path m2 = Captures.root().resolve("rules/packs/go-perf/interface-escape/captures").resolve(version)
                .resolve("m2.txt");
        List<String> text = Files.readAllLines(m2);
        assertThat(text.stream().anyMatch(l -> l.contains("   flow: ") && l.contains(" ← "))).isEqualTo(newForm);
        assertThat(text.stream().anyMatch(l -> l.contains("   flow: ") && l.contains(" = "))).isEqualTo(!newForm);
        assertThat(text).contains(newForm ? "./main.go:15:11: n * 1000 escapes to heap in boxInt:"
                : "./main.go:15:11: n * 1000 escapes to heap:");

        List<Fact> facts = new ArrayList<>();
        ParseContext ctx = new ParseContext(m2.toString(), InputKind.ESCAPE_TEXT, facts::add);
        new EscapeTextParser().parse(InputSource.of(m2), ctx);
        assertThat(ctx.unparsedCount()).isZero();
        EscapeFact e = facts.stream().filter(EscapeFact.class::isInstance).map(EscapeFact.class::cast)
                .filter(f -> f.line() == 15 && f.col() == 11 && f.flow().size() > 0).findFirst().orElseThrow();
        assertThat(e.flow().get(0).dst()).isEqualTo("{heap}");
        assertThat(e.compilerFunc()).isEqualTo(newForm ? "boxInt" : "");
    }
}
