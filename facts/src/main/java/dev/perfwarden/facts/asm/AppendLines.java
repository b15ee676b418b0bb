package dev.perfwarden.facts.asm;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.parse.ParseContext;
import dev.perfwarden.facts.runtime.RuntimeFunctions;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@link AppendInstruction}s of one function: its in-loop instructions on the lines (file and line) where a
 * loop calls {@code runtime.growslice}. A handful per append in a loop, so they are emitted even when one fact per
 * instruction ({@link AsmOptions#instructions()}) is off.
 */
final class AppendLines {
    private AppendLines() {
    }

    static void emit(AsmBody body, InputKind kind, ParseContext ctx) {
        List<Insn> in = body.insns;
        Set<String> lines = new HashSet<>();
        for (Insn x : in) {
            if (x.inLoop && x.line > 0 && x.op.equals("CALL") && x.args.endsWith("(SB)")
                    && RuntimeCall.GROWSLICE.equals(RuntimeFunctions.category(
                            x.args.substring(0, x.args.length() - 4)))) {
                lines.add(x.file + '\n' + x.line);
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        for (Insn x : in) {
            if (x.inLoop && !x.pseudo && lines.contains(x.file + '\n' + x.line)) {
                ctx.emit(new AppendInstruction(body.symbol, x.file, x.line, 0, x.address, x.op, x.args,
                        Evidence.of(kind, x.text.stripTrailing(), ctx.at(x.inputLine))));
            }
        }
    }
}
