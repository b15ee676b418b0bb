package dev.perfwarden.engine.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearestTest {
    private static final List<String> FIELDS = List.of("cumShare", "flatShare", "symbol", "sampleType");

    @Test
    void anAdjacentSwapIsOneEdit() {
        assertThat(Nearest.distance("cumShrae", "cumShare")).isEqualTo(1);
        assertThat(Nearest.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Nearest.typo("cumShrae", FIELDS)).isEqualTo("cumShare");
    }

    @Test
    void aTypoIsAtMostAThirdOfTheLettersAndTheCap() {
        assertThat(Nearest.typo("cumShar", FIELDS)).isEqualTo("cumShare");
        assertThat(Nearest.typo("xyz", FIELDS)).isNull();
        // 3 edits: within a third of "smapleTyep"'s letters, beyond a cap of 2
        assertThat(Nearest.typo("smapelTyep", FIELDS)).isEqualTo("sampleType");
        assertThat(Nearest.typo("smapelTyep", FIELDS, 2)).isNull();
    }

    @Test
    void caseIsIgnoredButTheExactNameIsNoTypo() {
        assertThat(Nearest.didYouMean("Symbol", FIELDS, 2)).isEqualTo(" (did you mean 'symbol'?)");
        assertThat(Nearest.didYouMean("symbol", FIELDS, 2)).isEmpty();
    }

    @Test
    void nearestFirstTiesByName() {
        assertThat(Nearest.to("flatShar", FIELDS, 2)).containsExactly("flatShare", "cumShare");
    }
}
