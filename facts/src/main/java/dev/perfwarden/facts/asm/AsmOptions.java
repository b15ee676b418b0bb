package dev.perfwarden.facts.asm;

/**
 * What the machine-code parsers emit besides the derived facts, which are always emitted.
 *
 * @param instructions emit one {@link AsmInstruction} per instruction line. Off by default: an
 *                     objdump of a whole binary has millions of instructions, and rules only need
 *                     the derived facts. Switch it on with the system property
 *                     {@value #INSTRUCTIONS_PROPERTY}{@code =true} or {@link #withInstructions()}.
 * @param directCalls  emit a {@link DirectCall} for every {@code CALL sym(SB)} that is not a runtime
 *                     call. On by default; system property {@value #DIRECT_CALLS_PROPERTY}{@code =false}
 *                     switches it off.
 */
public record AsmOptions(boolean instructions, boolean directCalls) {
    public static final String INSTRUCTIONS_PROPERTY = "perfwarden.asm.instructions";
    public static final String DIRECT_CALLS_PROPERTY = "perfwarden.asm.directCalls";

    /** The defaults, overridden by the system properties above. */
    public static AsmOptions defaults() {
        return new AsmOptions(Boolean.parseBoolean(System.getProperty(INSTRUCTIONS_PROPERTY, "false")),
                Boolean.parseBoolean(System.getProperty(DIRECT_CALLS_PROPERTY, "true")));
    }

    public AsmOptions withInstructions() {
        return new AsmOptions(true, directCalls);
    }

    public AsmOptions withoutDirectCalls() {
        return new AsmOptions(instructions, false);
    }
}
