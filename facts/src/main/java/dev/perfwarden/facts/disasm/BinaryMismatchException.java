package dev.perfwarden.facts.disasm;

/** A profile joined to machine code of another binary: the message names both files and what differs. */
public final class BinaryMismatchException extends Exception {
    public BinaryMismatchException(String message) {
        super(message);
    }
}
