package dev.perfwarden.facts.core;

/** Small text helpers shared by parsers and reporters. */
public final class Texts {
    private Texts() {
    }

    /** Cuts {@code s} to at most {@code max} characters, marking the cut, and escapes control characters. */
    public static String clip(String s, int max) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max) + 8);
        for (int i = 0; i < s.length() && sb.length() < max; i++) {
            char c = s.charAt(i);
            if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (sb.length() >= max && s.length() > max) {
            sb.setLength(max - 1);
            sb.append('…');
        }
        return sb.toString();
    }
}
