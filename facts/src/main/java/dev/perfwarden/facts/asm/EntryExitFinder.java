package dev.perfwarden.facts.asm;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds a function's entry and exit instructions in amd64 objdump ({@link EntryExit}), in the forms Go 1.23-1.26
 * emit (testdata/modules/&#42;/objdump.txt):
 * <pre>
 *   CMPQ SP, 0x10(R14) ; JBE tail                       stack-bound check (small frame)
 *   LEAQ -0x60(SP), R12 ; CMPQ R12, 0x10(R14) ; JBE     (objdump may print the offset as 0xffffffa0)
 *   MOVQ SP, R12 ; SUBQ $0x12a8, R12 ; JB ; CMPQ R12, 0x10(R14) ; JBE   (huge frame)
 *   PUSHQ BP ; MOVQ SP, BP ; SUBQ $0x28, SP             (or ADDQ $-0x80, SP; no SUBQ when only BP is saved)
 *   ADDQ $0x28, SP ; POPQ BP ; [NOPL] ; RET             each return (SUBQ $-0x80, SP)
 * </pre>
 * Nothing else counts: an entry it does not recognise (another architecture, an unusual prologue) gives no fact,
 * except a function without a frame whose code is amd64 (an instruction with a {@code Q} suffix), whose exits are
 * its {@code RET}s.
 */
final class EntryExitFinder {
    /** Entry and exit addresses and the frame size, or null when the code is not recognised. */
    record Found(List<Long> entry, List<Long> exits, long frame) {
    }

    private EntryExitFinder() {
    }

    static Found find(List<Insn> all) {
        List<Insn> in = new ArrayList<>();
        for (Insn x : all) {
            if (!x.pseudo) {
                in.add(x);
            }
        }
        if (in.isEmpty()) {
            return null;
        }
        int i = stackCheck(in);
        boolean checked = i > 0;
        List<Long> entry = new ArrayList<>();
        for (int k = 0; k < i; k++) {
            entry.add(in.get(k).address);
        }
        long frame = -1;
        if (is(in, i, "PUSHQ", "BP") && is(in, i + 1, "MOVQ", "SP, BP")) {
            entry.add(in.get(i).address);
            entry.add(in.get(i + 1).address);
            frame = 0;
            long n = i + 2 < in.size() ? frameSize(in.get(i + 2), false) : -1;
            if (n > 0) {
                entry.add(in.get(i + 2).address);
                frame = n;
            }
        } else if (checked || !amd64(in)) {
            return null; // a stack check without a frame, or not amd64 code: not a form seen here
        }
        List<Long> exits = new ArrayList<>();
        for (int r = 0; r < in.size(); r++) {
            if (in.get(r).op.equals("RET")) {
                exit(in, r, frame, exits);
            }
        }
        return new Found(entry, exits, frame);
    }

    /** The number of stack-check instructions at the start (0 when there is none). */
    private static int stackCheck(List<Insn> in) {
        if (is(in, 0, "CMPQ", "SP, 0x10(R14)") && isOp(in, 1, "JBE")) {
            return 2;
        }
        if (isOp(in, 0, "LEAQ") && in.get(0).args.endsWith("(SP), R12") && is(in, 1, "CMPQ", "R12, 0x10(R14)")
                && isOp(in, 2, "JBE")) {
            return 3;
        }
        if (is(in, 0, "MOVQ", "SP, R12") && isOp(in, 1, "SUBQ") && in.get(1).args.endsWith(", R12")
                && isOp(in, 2, "JB") && is(in, 3, "CMPQ", "R12, 0x10(R14)") && isOp(in, 4, "JBE")) {
            return 5;
        }
        return 0;
    }

    /** Adds one return's exit instructions: the frame's release, {@code POPQ BP}, a {@code NOPL}, the {@code RET}. */
    private static void exit(List<Insn> in, int ret, long frame, List<Long> exits) {
        int j = isOp(in, ret - 1, "NOPL") ? ret - 2 : ret - 1;
        int first = ret; // a NOPL without the frame's release before it belongs to the body
        if (frame >= 0 && is(in, j, "POPQ", "BP")) {
            first = j;
            if (frame > 0 && j > 0 && frameSize(in.get(j - 1), true) == frame) {
                first = j - 1;
            }
        }
        for (int k = first; k <= ret; k++) {
            exits.add(in.get(k).address);
        }
    }

    /**
     * The frame size {@code x} reserves ({@code SUBQ $n, SP} or {@code ADDQ $-0x80, SP}) or, when
     * {@code release}, releases ({@code ADDQ $n, SP} or {@code SUBQ $-0x80, SP}); -1 when it is neither.
     */
    static long frameSize(Insn x, boolean release) {
        if (!x.args.startsWith("$") || !x.args.endsWith(", SP")) {
            return -1;
        }
        long v = AsmAnalyzer.parseOffset(x.args.substring(1, x.args.length() - 4));
        if (v == Long.MIN_VALUE || v == 0) {
            return -1;
        }
        boolean grows = x.op.equals("SUBQ") && v > 0 || x.op.equals("ADDQ") && v < 0;
        boolean shrinks = x.op.equals("ADDQ") && v > 0 || x.op.equals("SUBQ") && v < 0;
        return (release ? shrinks : grows) ? Math.abs(v) : -1;
    }

    /** Whether the code is amd64: an instruction with a {@code Q} suffix (386 has none, arm64 spells MOVD). */
    private static boolean amd64(List<Insn> in) {
        for (Insn x : in) {
            String op = x.op;
            if (op.length() > 2 && op.endsWith("Q") && op.charAt(0) != 'F' && op.charAt(0) != 'V') {
                return true;
            }
        }
        return false;
    }

    private static boolean isOp(List<Insn> in, int i, String op) {
        return i >= 0 && i < in.size() && in.get(i).op.equals(op);
    }

    private static boolean is(List<Insn> in, int i, String op, String args) {
        return isOp(in, i, op) && in.get(i).args.equals(args);
    }
}
