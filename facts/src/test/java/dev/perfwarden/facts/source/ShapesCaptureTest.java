package dev.perfwarden.facts.source;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.escape.Captures;
import dev.perfwarden.facts.escape.EscapeFact;
import dev.perfwarden.facts.escape.EscapeTextParser;
import dev.perfwarden.facts.inline.InlineFact;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * testdata/go/shapes (one generic function, {@code Index[T comparable]}, instantiated with int, string and the
 * interface {@code Named}) as Go 1.26.8 and Go 1.23.5 print it at -m=2 (testdata/captured/go1.x/shapes, written by
 * testdata/regen.sh): what the facts can say per instance, and what they cannot.
 */
class ShapesCaptureTest {
    private static final Path ROOT = Captures.root();
    private static final Path SRC = ROOT.resolve("testdata/go/shapes");
    private static final String INT = "main.Index[go.shape.int]";
    private static final String STRING = "main.Index[go.shape.string]";
    private static final String NAMED = "main.Index[go.shape.interface { Name() string }]";

    private static List<Fact> facts(String version) {
        Path m2 = ROOT.resolve("testdata/captured/" + version + "/shapes/m2.txt");
        return FunctionResolver.resolve(Captures.parse(new EscapeTextParser(), m2).facts(), List.of(SRC));
    }

    private static List<InlineFact> inline(List<Fact> facts) {
        return facts.stream().filter(f -> f instanceof InlineFact).map(f -> (InlineFact) f).toList();
    }

    private static List<EscapeFact> escapes(List<Fact> facts, int line, int col) {
        return facts.stream().filter(f -> f instanceof EscapeFact e && e.file().equals("main.go") && e.line() == line
                && e.col() == col).map(f -> (EscapeFact) f).toList();
    }

    @Test
    void eachShapeAndEachDictionaryWrapperHasItsOwnInliningDecision() {
        for (String version : List.of("go1.26.8", "go1.23.5")) {
            Map<String, Integer> costs = inline(facts(version)).stream().filter(InlineFact::atDeclaration)
                    .filter(i -> i.symbol().equals("main.Index[...]"))
                    .collect(Collectors.toMap(InlineFact::instance, InlineFact::cost));
            assertThat(costs).as(version).containsExactlyInAnyOrderEntriesOf(Map.of(INT, 90, STRING, 90, NAMED, 90,
                    "main.Index[int]", 64, "main.Index[string]", 64, "main.Index[main.Named]", 64));
        }
    }

    /**
     * "inlining call to mix" is printed once per shape at each call site, with no name of the instance whose body
     * holds the call (cmd/compile/internal/inline/inl.go prints {@code "%v: inlining call to %v"} with the call's
     * position and the callee only; the three copies come one after another, in an order the output does not say).
     * The source lookup gives each the site key: they cannot be told apart, and no instance is guessed.
     */
    @Test
    void callsInlinedIntoEachShapeNameNoInstanceAndKeepTheSiteKey() {
        for (String version : List.of("go1.26.8", "go1.23.5")) {
            List<InlineFact> mix = inline(facts(version)).stream()
                    .filter(i -> i.kind().equals(InlineFact.KIND_INLINED_CALL) && i.target().equals("main.mix"))
                    .toList();
            assertThat(mix).as(version).hasSize(6)
                    .allSatisfy(i -> assertThat(i.symbol()).isEqualTo("main.Index[...]"))
                    .extracting(InlineFact::line).containsOnly(34, 43);
            assertThat(mix.stream().map(InlineFact::evidence).map(e -> e.text()).distinct()).hasSize(2);
        }
    }

    /**
     * Go 1.25 and later name the function of each -m=2 explanation block ({@code x escapes to heap in
     * Index[go.shape.int]:}): the boxing of {@code last = x} is an escape of the int and the string shapes (an
     * interface-typed x is boxed already); parameter leaks of shape bodies get no summary line, only their blocks.
     * Go 1.23 prints the blocks without the function: the facts keep the site key.
     */
    @Test
    void escapesCarryTheInstanceWhoseExplanationBlockNamesIt() {
        List<EscapeFact> boxed = escapes(facts("go1.26.8"), 36, 11).stream()
                .filter(e -> e.kind().equals(EscapeFact.KIND_ESCAPES)).toList();
        assertThat(boxed).extracting(EscapeFact::instance).containsExactlyInAnyOrder(INT, STRING);
        assertThat(boxed).allSatisfy(e -> {
            assertThat(e.symbol()).isEqualTo("main.Index[...]");
            assertThat(e.duplicate()).isFalse();
            assertThat(e.flow()).isNotEmpty();
        });
        assertThat(escapes(facts("go1.26.8"), 29, 26)).extracting(EscapeFact::instance)
                .contains(STRING, NAMED, "main.Index[main.Named]", "main.Index[string]").doesNotContain(INT);

        List<EscapeFact> old = escapes(facts("go1.23.5"), 36, 11).stream()
                .filter(e -> e.kind().equals(EscapeFact.KIND_ESCAPES)).toList();
        assertThat(old).hasSize(2).allSatisfy(e -> {
            assertThat(e.compilerFunc()).isEmpty();
            assertThat(e.instance()).isEqualTo("main.Index[...]");
        });
    }
}
