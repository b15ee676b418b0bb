package dev.perfwarden.facts.disasm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which test binary an input is of, by {@code perfwarden scan}'s numbering of the files it keeps: binary N is
 * {@code binN.test}, objdumped to {@code objdump-N.txt} and profiled into {@code cpu-N.pprof} and {@code mem-N.pprof}.
 * objdump text names no binary and no build ID, so its file name is all that tells whose instructions it lists; a
 * profile names its binary itself (its first mapping's file, {@code /…/bin4.test}, Go 1.23 and 1.26 alike; the build ID
 * only from Go 1.24), else its own file name tells. A profile and an objdump text whose numbers are both known and
 * differ are of two binaries: their addresses are never joined ({@link HotInstructionJoin}), however many addresses
 * they share (a module's test binaries link the same packages at nearby addresses: review4, json-iterator's 10
 * binaries). When either number is unknown (inputs named by hand, {@code cpu.pprof} and {@code objdump.txt}) the
 * address check ({@link SameBinaryCheck}) decides alone, as before.
 */
public final class ScanNumbering {
    private static final Pattern OBJDUMP = Pattern.compile("objdump-(\\d{1,9})\\.txt");
    private static final Pattern BINARY = Pattern.compile("bin(\\d{1,9})\\.test");
    private static final Pattern PROFILE = Pattern.compile("(?:cpu|mem|block|mutex)-(\\d{1,9})\\.pprof");

    private ScanNumbering() {
    }

    /** The binary number of objdump text named {@code objdump-N.txt} (any folder); -1 for any other name. */
    public static int ofObjdump(String display) {
        return number(OBJDUMP, display);
    }

    /**
     * The binary number of a profile: of its binary's file as its first mapping names it ({@code bin4.test}), else of
     * the profile's own file name ({@code cpu-4.pprof}); -1 when neither is scan's.
     */
    public static int ofProfile(String binary, String display) {
        int n = number(BINARY, binary == null ? "" : binary);
        return n >= 0 ? n : number(PROFILE, display);
    }

    /** Whether two numbers say two different binaries (both known and unequal). */
    public static boolean apart(int a, int b) {
        return a >= 0 && b >= 0 && a != b;
    }

    private static int number(Pattern p, String path) {
        String base = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        Matcher m = p.matcher(base);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }
}
