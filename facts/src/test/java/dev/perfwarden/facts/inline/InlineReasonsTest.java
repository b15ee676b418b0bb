package dev.perfwarden.facts.inline;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class InlineReasonsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "function too complex: cost 96 exceeds budget 80 | too-complex",
            "unhandled op DEFER | defer",
            "unhandled op GO | go",
            "unhandled op TAILCALL | tailcall",
            "unhandled op DCLTYPE | local-type",
            "unhandled op SELECT | unhandled-op",
            "call to recover | recover",
            "call to recoverx | other",
            "call to getcallerpc | caller-pc",
            "call to GetCallerSP | caller-pc",
            "call to runtime function runtime.racefuncenter in main.f | instrumented",
            "call to into \"no-race\" package function sync.x in f | instrumented",
            "cost 120 of main.g exceeds max caller cost 80 | caller-budget",
            "cost 120 of main.g | other",
            "recursive | recursive",
            "repeated recursive cycle to main.f | recursive-cycle",
            "recursive call to main.f | recursive-call",
            "marked go:noinline | noinline",
            "marked go:norace | marked-pragma",
            "no function body | no-body",
            "no name | no-name",
            "not inlining functions with closures | closures",
            "too expensive | too-expensive",
            "type eq/hash function | type-eq",
            "inlining function with shape params into non-shape | shape-mismatch",
            "inlining function f | other",
            "main.h cannot be inlined | callee-not-inlinable",
            "something new | other"})
    void everyReasonTextHasItsClass(String reason, String reasonClass) {
        assertThat(InlineReasons.classify(reason)).isEqualTo(reasonClass);
    }

    @org.junit.jupiter.api.Test
    void theEmptyMessageOfJsonIsARecursiveCall() {
        assertThat(InlineReasons.classify("")).isEqualTo(InlineReasons.RECURSIVE_CALL);
    }
}
