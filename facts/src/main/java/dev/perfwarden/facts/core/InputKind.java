package dev.perfwarden.facts.core;

import java.util.Arrays;
import java.util.Optional;

/** The input formats perfwarden reads; ids are part of the JSON/SARIF output contract. */
public enum InputKind {
    ESCAPE_TEXT("escape-text"),
    IR_DUMP("ir-dump"),
    LOGOPT_JSON("logopt-json"),
    ASM_LISTING("asm-listing"),
    OBJDUMP("objdump"),
    SSA("ssa"),
    PPROF("pprof"),
    BENCH("bench"),
    K6_SUMMARY("k6-summary"),
    PROM_TEXT("prom-text"),
    PROM_RANGE("prom-range"),
    GCTRACE("gctrace");

    private final String id;

    InputKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<InputKind> byId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }
}
