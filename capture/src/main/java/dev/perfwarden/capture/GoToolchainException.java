package dev.perfwarden.capture;

/** The Go toolchain is missing or a build failed; the message carries the compiler's own words. */
public final class GoToolchainException extends Exception {
    public GoToolchainException(String message) {
        super(message);
    }
}
