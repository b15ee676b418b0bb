package dev.perfwarden.engine.pack;

import dev.perfwarden.engine.TestPacks;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Comparator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A pack written by the image codec reads back equal in every field (line maps and ranges by value). */
class PackCodecTest {
    @Test
    void aPackReadsBackEqualInEveryField() throws Exception {
        Pack loaded = PackLoader.load(TestPacks.testpack());
        assertThat(loaded.parameters()).as("the test pack exercises parameters").isNotEmpty();
        assertThat(loaded.dsl()).as("and a DSL").isNotEmpty();
        assertThat(loaded.sources()).anyMatch(s -> !s.lineMap().isIdentity());

        Pack back = roundTrip(loaded);

        assertThat(back).usingRecursiveComparison()
                .withComparatorForType(Comparator.comparing(Object::toString), VersionRange.class)
                .isEqualTo(loaded);
        assertThat(back.rules()).isEqualTo(loaded.rules());
        assertThat(back.parameters()).isEqualTo(loaded.parameters());
        assertThat(back.sha256()).isEqualTo(loaded.sha256());
    }

    @Test
    void anImageOfAnotherFormatIsRefused() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new DataOutputStream(bytes).writeInt(PackCodec.FORMAT + 1);
        assertThatThrownBy(() -> PackCodec.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))))
                .isInstanceOf(IOException.class);
    }

    private static Pack roundTrip(Pack p) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        PackCodec.write(out, p);
        out.flush();
        return PackCodec.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }
}
