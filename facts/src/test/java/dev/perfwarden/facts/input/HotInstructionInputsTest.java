package dev.perfwarden.facts.input;

import dev.perfwarden.facts.asm.Captures;
import dev.perfwarden.facts.disasm.HotInstruction;
import dev.perfwarden.facts.disasm.HotInstructionJoin;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading a capture folder joins its CPU profile to its objdump (testdata/hotasm, see regen.sh there). */
class HotInstructionInputsTest {
    static InputReader.Result read(String... paths) throws Exception {
        return new InputReader().read(List.of(paths), new ByteArrayInputStream(new byte[0]));
    }

    @Test
    void aFolderWithAProfileAndObjdumpOfOneBinaryGivesHotInstructions() throws Exception {
        String dir = Captures.root().resolve("testdata/hotasm/go1.26.8").toString();
        InputReader.Result r = read(dir);
        List<HotInstruction> hot = r.facts().stream().filter(HotInstruction.class::isInstance)
                .map(HotInstruction.class::cast).toList();
        assertThat(hot).isNotEmpty();
        assertThat(hot).extracting(HotInstruction::symbol).contains("example.com/hotasm.sumAreas",
                "example.com/hotasm.gather", "example.com/hotasm.link");
        assertThat(r.inputs()).filteredOn(s -> s.kind().equals("pprof")).singleElement()
                .satisfies(s -> assertThat(s.note()).isNull());
    }

    @Test
    void aProfileOfAnotherBinaryGetsANoteAndNoHotInstructions() throws Exception {
        String profile = Captures.root().resolve("testdata/hotasm/go1.26.8/cpu.pprof").toString();
        String objdump = Captures.root().resolve("testdata/hotasm/go1.23.5/objdump.txt").toString();
        InputReader.Result r = read(profile, objdump);
        assertThat(r.facts()).noneMatch(HotInstruction.class::isInstance);
        assertThat(r.inputs()).filteredOn(s -> s.kind().equals("pprof")).singleElement()
                .satisfies(s -> assertThat(s.note()).startsWith("hot instructions not joined: the profile " + profile + " is not of the binary "
                        + objdump + " shows"));
    }

    @Test
    void theJoinDoneWhileObjdumpIsParsedGivesTheFactsOfTheStandaloneJoin() throws Exception {
        for (String version : List.of("go1.26.8", "go1.23.5")) {
            java.nio.file.Path dir = Captures.root().resolve("testdata/hotasm/" + version);
            java.nio.file.Path profile = dir.resolve("cpu.pprof");
            java.nio.file.Path objdump = dir.resolve("objdump.txt");
            InputReader.Result r = read(profile.toString(), objdump.toString());
            List<HotInstruction> during = r.facts().stream().filter(HotInstruction.class::isInstance)
                    .map(HotInstruction.class::cast).toList();
            // the standalone join (hot --disasm) reads the objdump text again, on its own
            HotInstructionJoin.Result alone = HotInstructionJoin.join(
                    new HotInstructionJoin.Input(profile, profile.toString()),
                    List.of(new HotInstructionJoin.Input(objdump, objdump.toString())));
            assertThat(alone.note()).as(version).isNull();
            assertThat(during).as(version).isNotEmpty().containsExactlyElementsOf(alone.facts());
        }
    }
}
