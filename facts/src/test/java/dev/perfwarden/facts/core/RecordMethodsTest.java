package dev.perfwarden.facts.core;

import dev.perfwarden.facts.escape.EscapeFact;
import dev.perfwarden.facts.escape.FlowNote;
import dev.perfwarden.facts.escape.FlowStep;
import dev.perfwarden.facts.source.BuildConstraints;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records whose equals, hashCode and toString are written out (to spare a start the record methods'
 * method-handle bootstraps) give what the record's own would: the hash {@code 31 * h + component} from 0 over
 * the fields, {@code Name[a=1, b=2]}, and equality over every component. Each record is given as two instances
 * that differ in every component; the test mixes them one component at a time.
 */
class RecordMethodsTest {
    private static final SourcePos A = new SourcePos("a.go", 3, 7);
    private static final SourcePos B = new SourcePos("b.go", 4, 0);

    @Test
    void sourcePos() throws Exception {
        check(A, B);
    }

    @Test
    void inputPos() throws Exception {
        check(InputPos.line("m2.txt", 12), InputPos.offset("cpu.pprof", 13));
    }

    @Test
    void evidenceOverItsFieldsWithoutReadingAReferencedText() throws Exception {
        check(new Evidence("escape-text", "./a.go:3:7: x escapes to heap", InputPos.line("m2.txt", 1)),
                new Evidence("logopt-json", "{}", InputPos.line("a.json", 2), new TextRef(Path.of("a.json"), 40)));
        Evidence referenced = Evidence.of(InputKind.LOGOPT_JSON, new TextRef(Path.of("does-not-exist.json"), 40),
                InputPos.line("does-not-exist.json", 2));
        assertThat(referenced.hashCode()).isEqualTo(recordHash(referenced));
        assertThat(referenced.toString()).isEqualTo(recordString(referenced));
        assertThat(referenced.toString()).contains("text=null");
    }

    @Test
    void origin() throws Exception {
        check(new Origin("example.com/a", "f", "example.com/a.f", "a.go", 3, 7, Attributable.BY_COMPILER),
                new Origin("example.com/b", "g", "", "b.go", 4, 0, Attributable.NONE));
    }

    @Test
    void flowNote() throws Exception {
        check(new FlowNote("x", "address-of", A, List.of()), new FlowNote("y", "spill", B, List.of(A)));
    }

    @Test
    void flowStep() throws Exception {
        check(new FlowStep(0, "{heap}", "&", "x", A, List.of(), List.of()),
                new FlowStep(1, "~r0", "*", "y", B, List.of(B), List.of(new FlowNote("z", "spill", A, List.of()))));
    }

    @Test
    void buildConstraints() throws Exception {
        check(BuildConstraints.DEFAULT, new BuildConstraints("darwin", "arm64", true));
        check(new BuildConstraints(null, "amd64", false), new BuildConstraints("linux", null, true));
    }

    @Test
    void escapeFactIsEqualOverEveryComponentAndHashesWithoutItsFlow() throws Exception {
        FlowStep step = new FlowStep(0, "{heap}", "&", "x", A, List.of(), List.of(new FlowNote("x", "spill", B,
                List.of())));
        EscapeFact a = new EscapeFact(EscapeFact.KIND_ESCAPES, "&T{...}", "", -1, false, false, false, List.of(),
                List.of(), new Origin("example.com/a", "f", "example.com/a.f", "a.go", 3, 7, Attributable.BY_COMPILER),
                new Evidence("escape-text", "./a.go:3:7: &T{...} escapes to heap", InputPos.line("m2.txt", 1)));
        EscapeFact b = new EscapeFact(EscapeFact.KIND_LEAK, "p", "{heap}", 1, true, true, true, List.of(step),
                List.of(B), new Origin("example.com/b", "g", "", "b.go", 4, 0, Attributable.NONE),
                new Evidence("logopt-json", "{}", InputPos.line("a.json", 2), new TextRef(Path.of("a.json"), 40)));
        RecordComponent[] cs = EscapeFact.class.getRecordComponents();
        assertThat(a).isEqualTo(mix(a, b, -1)).isNotEqualTo(b).isNotEqualTo(null).isNotEqualTo("a string");
        for (int i = 0; i < cs.length; i++) {
            EscapeFact m = mix(a, b, i);
            assertThat(m).as("differs in %s", cs[i].getName()).isNotEqualTo(a);
            // Drools hashes facts at every join: the hash does not walk the flow (steps, notes, positions)
            assertThat(m.hashCode()).as("hash of a copy differing in %s", cs[i].getName())
                    .isEqualTo(List.of("flow", "inlineChain", "viaInterface", "capturedByClosure")
                            .contains(cs[i].getName()) ? a.hashCode() : m.hashCode());
        }
        assertThat(a.hashCode()).isEqualTo(mix(a, b, -1).hashCode());
    }

    private static <R extends Record> void check(R a, R b) throws Exception {
        for (R r : List.of(a, b)) {
            assertThat(r.hashCode()).isEqualTo(recordHash(r));
            assertThat(r.toString()).isEqualTo(recordString(r));
        }
        RecordComponent[] cs = a.getClass().getRecordComponents();
        assertThat(a).isEqualTo(mix(a, b, -1)).isNotEqualTo(b).isNotEqualTo(null).isNotEqualTo("a string");
        for (int i = 0; i < cs.length; i++) {
            assertThat(mix(a, b, i)).as("differs in %s", cs[i].getName()).isNotEqualTo(a);
        }
    }

    /** A copy of {@code a} with component {@code i} of {@code b} (none when i < 0). */
    @SuppressWarnings("unchecked")
    private static <R extends Record> R mix(R a, R b, int i) throws Exception {
        RecordComponent[] cs = a.getClass().getRecordComponents();
        Class<?>[] types = new Class<?>[cs.length];
        Object[] args = new Object[cs.length];
        for (int k = 0; k < cs.length; k++) {
            types[k] = cs[k].getType();
            args[k] = field(k == i ? b : a, cs[k].getName());
        }
        Constructor<?> c = a.getClass().getDeclaredConstructor(types);
        return (R) c.newInstance(args);
    }

    private static int recordHash(Record r) throws Exception {
        int h = 0;
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            h = h * 31 + Objects.hashCode(field(r, c.getName()));   // a boxed primitive hashes as its wrapper does
        }
        return h;
    }

    private static String recordString(Record r) throws Exception {
        List<String> parts = new ArrayList<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            parts.add(c.getName() + "=" + field(r, c.getName()));
        }
        return r.getClass().getSimpleName() + "[" + String.join(", ", parts) + "]";
    }

    private static Object field(Record r, String name) throws Exception {
        Field f = r.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(r);
    }
}
