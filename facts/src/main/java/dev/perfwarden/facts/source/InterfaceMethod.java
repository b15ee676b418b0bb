package dev.perfwarden.facts.source;

/**
 * A method of an interface type declared in a file: {@code name} as the compiler names the wrapper it makes
 * for it ({@code Router.Use}, {@code I[...].M}), from the method's name to the end of its signature.
 */
public record InterfaceMethod(String name, int line, int col, int endLine, int endCol) {
    /** Whether ({@code l}, {@code c}) lies in the method spec; {@code c == 0} compares lines only. */
    public boolean contains(int l, int c) {
        if (l < line || l > endLine) {
            return false;
        }
        return c == 0 || (l != line || c >= col) && (l != endLine || c <= endCol);
    }
}
