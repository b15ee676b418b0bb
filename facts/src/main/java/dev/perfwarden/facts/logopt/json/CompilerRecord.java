package dev.perfwarden.facts.logopt.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code -json} diagnostic record read from its bytes when they have exactly the layout the compiler writes (its
 * fields in its order, no white space), without a JSON parser:
 * {@code {"range":{"start":{"line":L,"character":C},"end":{"line":L,"character":C}},"severity":N,"code":"…",
 * "source":"…","message":"…"}}, optionally with {@code "relatedInformation":[…]} before the last brace, each entry
 * {@code {"location":{"uri":"…","range":{"start":{…},"end":{…}}},"message":"…"}}. Anything else (another order, white
 * space, a number beyond {@code int} or with a leading zero, a control character or an unknown escape in a string,
 * anything after the record) is declined ({@code null}) and read by {@link Diagnostic#read(byte[], int)}'s Jackson
 * path as before; what it accepts it reads to the same values (DiagnosticTest compares both on every record of the
 * committed captures). On std's tree, Jackson's tokens for the positions of the related entries were some 16 % of
 * the CPU samples of {@code analyze}.
 */
final class CompilerRecord {
    private final byte[] b;
    private final int len;
    private int i;

    private CompilerRecord(byte[] b, int len) {
        this.b = b;
        this.len = len;
    }

    /** The record of {@code bytes[0, len)}, or null: not the compiler's layout. */
    static Diagnostic read(byte[] bytes, int len) {
        return new CompilerRecord(bytes, len).record();
    }

    private Diagnostic record() {
        int[] start = new int[2];
        int[] end = new int[2];
        if (!lit("{\"range\":") || !range(start, end) || !lit(",\"severity\":") || number() == null
                || !lit(",\"code\":")) {
            return null;
        }
        String code = string();
        if (code == null || !lit(",\"source\":") || string() == null || !lit(",\"message\":")) {
            return null;
        }
        String message = string();
        if (message == null) {
            return null;
        }
        List<Diagnostic.Entry> related = List.of();
        if (lit(",\"relatedInformation\":[")) {
            related = new ArrayList<>(4);
            while (related.isEmpty() || lit(",")) {
                Diagnostic.Entry e = entry();
                if (e == null) {
                    return null;
                }
                related.add(e);
            }
            if (!lit("]")) {
                return null;
            }
        }
        return lit("}") && i == len ? new Diagnostic(start[0], start[1], end[0], end[1], code, message, related) : null;
    }

    private Diagnostic.Entry entry() {
        if (!lit("{\"location\":{\"uri\":")) {
            return null;
        }
        String uri = string();
        int[] at = new int[2];
        if (uri == null || !lit(",\"range\":") || !range(at, new int[2]) || !lit("},\"message\":")) {
            return null;
        }
        String message = string();
        return message != null && lit("}") ? new Diagnostic.Entry(message, uri, at[0], at[1]) : null;
    }

    /** {@code {"start":{"line":L,"character":C},"end":{…}}} into {@code start} and {@code end}. */
    private boolean range(int[] start, int[] end) {
        return lit("{\"start\":") && position(start) && lit(",\"end\":") && position(end) && lit("}");
    }

    private boolean position(int[] into) {
        if (!lit("{\"line\":")) {
            return false;
        }
        Integer line = number();
        if (line == null || !lit(",\"character\":")) {
            return false;
        }
        Integer col = number();
        if (col == null || !lit("}")) {
            return false;
        }
        into[0] = line;
        into[1] = col;
        return true;
    }

    /** The bytes of {@code s} (ASCII) at the cursor, passed over; false (the cursor where it was) when not there. */
    private boolean lit(String s) {
        int n = s.length();
        if (len - i < n) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (b[i + k] != s.charAt(k)) {
                return false;
            }
        }
        i += n;
        return true;
    }

    /** A JSON integer that fits an {@code int} (no leading zero, as JSON has it), or null. */
    private Integer number() {
        boolean neg = i < len && b[i] == '-';
        int k = neg ? i + 1 : i;
        int from = k;
        long v = 0;
        while (k < len && b[k] >= '0' && b[k] <= '9' && k - from < 11) {
            v = v * 10 + (b[k] - '0');
            k++;
        }
        int digits = k - from;
        if (digits == 0 || digits > 10 || (digits > 1 && b[from] == '0')
                || (k < len && (b[k] == '.' || b[k] == 'e' || b[k] == 'E'))) {
            return null;
        }
        v = neg ? -v : v;
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            return null;
        }
        i = k;
        return (int) v;
    }

    /** A JSON string at the cursor, its escapes decoded as Jackson decodes them, or null. */
    private String string() {
        if (i >= len || b[i] != '"') {
            return null;
        }
        int from = i + 1;
        int k = from;
        while (k < len && b[k] != '"' && b[k] != '\\') {
            if (b[k] >= 0 && b[k] < 0x20) {
                return null; // a control character: not JSON
            }
            k++;
        }
        if (k < len && b[k] == '"') {
            i = k + 1;
            return new String(b, from, k - from, StandardCharsets.UTF_8);
        }
        return escaped(from);
    }

    /** The rest of a string that holds an escape (a UTF-8 sequence never holds a quote or a backslash byte). */
    private String escaped(int from) {
        StringBuilder sb = new StringBuilder();
        int run = from;
        int k = from;
        while (k < len) {
            byte c = b[k];
            if (c == '"') {
                sb.append(new String(b, run, k - run, StandardCharsets.UTF_8));
                i = k + 1;
                return sb.toString();
            }
            if (c >= 0 && c < 0x20) {
                return null;
            }
            if (c != '\\') {
                k++;
                continue;
            }
            sb.append(new String(b, run, k - run, StandardCharsets.UTF_8));
            if (k + 1 >= len) {
                return null;
            }
            int e = unescape(b[k + 1], k + 2, sb);
            if (e < 0) {
                return null;
            }
            k = e;
            run = k;
        }
        return null;
    }

    /** Appends the escape {@code \x…} (x at {@code k - 1}); the index after it, or -1 when it is not JSON's. */
    private int unescape(byte x, int k, StringBuilder sb) {
        switch (x) {
            case '"', '\\', '/' -> sb.append((char) x);
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
                if (len - k < 4) {
                    return -1;
                }
                int v = 0;
                for (int j = 0; j < 4; j++) {
                    int d = Character.digit(b[k + j], 16);
                    if (d < 0) {
                        return -1;
                    }
                    v = v * 16 + d;
                }
                sb.append((char) v);
                return k + 4;
            }
            default -> {
                return -1;
            }
        }
        return k;
    }
}
