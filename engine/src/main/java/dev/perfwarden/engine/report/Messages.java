package dev.perfwarden.engine.report;

/**
 * Splits a rule's message into the short part the text report prints on the finding's line and the rest
 * (the explanation, the fix), which {@code -v} adds below it. Rule messages put what was found first, then
 * why it costs and how to fix it; the short part is the first sentence, cut further at a clause boundary
 * ({@code ", "}, {@code "; "}, {@code " — "}, {@code ": "}, outside parentheses) when longer than
 * {@link #SHORT} characters. A colon after a short lead-in introduces the substance ("contract … violated: Pipeline-2
 * B/op +20.10% against base …"), so the text is cut at {@code ": "} only after at least half of {@link #SHORT}.
 */
public final class Messages {
    /** Longest short part aimed at. */
    public static final int SHORT = 140;

    private Messages() {
    }

    /** {short, rest}; rest is "" when the message is short already. */
    public static String[] split(String message) {
        String m = message.strip();
        int end = sentenceEnd(m);
        String first = m.substring(0, end);
        String rest = m.substring(end).strip();
        if (first.length() > SHORT) {
            int cut = clauseCut(first);
            if (cut > 0) {
                String tail = first.substring(cut).replaceFirst("^(, |; | — |: )", "").strip();
                rest = (tail + (first.endsWith(".") ? "" : ".") + " " + rest).strip();
                first = first.substring(0, cut);
            }
        }
        if (first.endsWith(".") && !first.endsWith("..")) {
            first = first.substring(0, first.length() - 1);
        }
        return new String[]{first, rest};
    }

    /** The index after the first sentence: after ". " followed by an upper-case letter, else the end. */
    private static int sentenceEnd(String m) {
        for (int i = m.indexOf(". "); i >= 0; i = m.indexOf(". ", i + 1)) {
            if (i + 2 < m.length() && Character.isUpperCase(m.charAt(i + 2)) && !abbreviation(m, i)) {
                return i + 1;
            }
        }
        return m.length();
    }

    private static boolean abbreviation(String m, int dot) {
        return m.startsWith("e.g", dot - 3) || m.startsWith("i.e", dot - 3) || m.startsWith("vs", dot - 2);
    }

    /**
     * The last clause boundary at or before {@link #SHORT} (and after the first 30 characters; for {@code ": "}, after
     * the first {@code SHORT / 2}), or -1.
     */
    private static int clauseCut(String s) {
        int best = -1;
        for (String sep : new String[]{", ", "; ", " — ", ": "}) {
            for (int i = s.indexOf(sep); i >= 0 && i <= SHORT; i = s.indexOf(sep, i + 1)) {
                if (i >= (sep.equals(": ") ? SHORT / 2 : 30) && !insideParens(s, i)) {
                    best = Math.max(best, i);
                }
            }
        }
        return best;
    }

    private static boolean insideParens(String s, int at) {
        int depth = 0;
        for (int i = 0; i < at; i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            }
        }
        return depth > 0;
    }
}
