package dev.perfwarden.facts.core;

/**
 * Helpers for function names as the compiler prints them ({@code newT}, {@code (*T).M},
 * {@code T.M}, {@code closure.func1}, {@code fmt.Println}, {@code sub.Gen[go.shape.string]},
 * {@code hmac.New[go.shape.interface { Size() int; … }]}). Names hold brackets, braces, parens and
 * spaces, so splitting is done at bracket depth 0, never with a plain {@code indexOf}.
 */
public final class CompilerNames {
    private CompilerNames() {
    }

    /** First index of {@code needle} in {@code s} at or after {@code from} outside any ()[]{}; -1 if none. */
    public static int indexAtDepth0(String s, String needle, int from) {
        int depth = 0;
        char first = needle.charAt(0);
        int n = s.length() - needle.length();
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (depth == 0 && c == first && i <= n && s.startsWith(needle, i)) {
                return i;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
        return -1;
    }

    /**
     * The package-or-function qualifier in front of the first top-level '.', or "" when the name
     * starts with a receiver ({@code (*T).M}), has no top-level '.' ({@code newT}, {@code Map[…]}),
     * or starts with a generic type ({@code Stack[go.shape.int].Peek}).
     */
    public static String head(String name) {
        if (name.isEmpty() || name.charAt(0) == '(') {
            return "";
        }
        int dot = indexAtDepth0(name, ".", 0);
        if (dot <= 0 || name.lastIndexOf('[', dot) >= 0) {
            return ""; // Stack[go.shape.int].Peek: a method of a generic type, not a package qualifier
        }
        return name.substring(0, dot);
    }

    /** The name without its {@link #head(String)} and the dot. */
    public static String tail(String name) {
        String h = head(name);
        return h.isEmpty() ? name : name.substring(h.length() + 1);
    }

    /** The top-level identifier a name starts with: {@code T} for {@code (*T).M} and {@code T.M}, {@code f} for {@code f.func1}, {@code Map} for {@code Map[…]}. */
    public static String root(String name) {
        int i = 0;
        while (i < name.length() && (name.charAt(i) == '(' || name.charAt(i) == '*')) {
            i++;
        }
        int j = i;
        while (j < name.length()) {
            char c = name.charAt(j);
            if (c == '.' || c == '[' || c == ')' || c == '(' || c == ' ' || c == '-') {
                break;
            }
            j++;
        }
        return name.substring(i, j);
    }
}
