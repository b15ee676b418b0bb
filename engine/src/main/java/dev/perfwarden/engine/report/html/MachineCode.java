package dev.perfwarden.engine.report.html;

import dev.perfwarden.facts.asm.AsmInstruction;
import dev.perfwarden.facts.asm.AsmOptions;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.input.InputStats;
import dev.perfwarden.facts.objdump.ObjdumpParser;
import dev.perfwarden.facts.parse.InputSource;
import dev.perfwarden.facts.parse.ParseContext;
import dev.perfwarden.facts.source.FunctionResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The machine instructions of the report's functions. The rules run without one fact per instruction
 * ({@link AsmOptions#instructions()} is off: a whole binary has millions), so the report reads the objdump
 * inputs again with instructions on, keeps those of the functions it shows, and attributes their files as the
 * input reader does ({@link FunctionResolver}). Inputs larger than {@link #MAX_BYTES} are not read again.
 */
public final class MachineCode {
    static final long MAX_BYTES = 256L << 20;

    private MachineCode() {
    }

    /**
     * The instructions of {@code symbols} in the readable objdump inputs among {@code inputs}, in address order;
     * those already among {@code known} (when the parsers emitted instructions) are used instead.
     */
    public static List<AsmInstruction> of(List<InputStats> inputs, List<Path> sourceRoots, Set<String> symbols,
                                   Collection<AsmInstruction> known, List<String> notes) {
        List<AsmInstruction> out = new ArrayList<>();
        if (!known.isEmpty()) {
            known.stream().filter(i -> symbols.contains(i.symbol())).forEach(out::add);
        } else {
            for (InputStats in : inputs) {
                if (in.failed() || !in.kind().equals(InputKind.OBJDUMP.id())) {
                    continue;
                }
                read(Path.of(in.path()), sourceRoots, symbols, out, notes);
            }
        }
        // objdump and objdump -gnu of one binary give each instruction twice: keep one per function and address
        Map<String, AsmInstruction> unique = new LinkedHashMap<>();
        for (AsmInstruction i : out) {
            unique.putIfAbsent(i.symbol() + "\u0000" + i.address(), i);
        }
        List<AsmInstruction> sorted = new ArrayList<>(unique.values());
        sorted.sort(Comparator.comparingLong(AsmInstruction::address));
        return sorted;
    }

    private static void read(Path p, List<Path> sourceRoots, Set<String> symbols, List<AsmInstruction> out,
                             List<String> notes) {
        try {
            if (!Files.isRegularFile(p)) {
                notes.add(p + ": machine code not shown: the input is no longer a regular file");
                return;
            }
            if (Files.size(p) > MAX_BYTES) {
                notes.add(p + ": machine code not shown: larger than " + (MAX_BYTES >> 20) + " MiB");
                return;
            }
            List<Fact> facts = new ArrayList<>();
            ParseContext ctx = new ParseContext(p.toString(), InputKind.OBJDUMP, f -> {
                if (f instanceof AsmInstruction i && symbols.contains(i.symbol())) {
                    facts.add(i);
                }
            });
            new ObjdumpParser(new AsmOptions(true, false)).parse(InputSource.of(p), ctx);
            for (Fact f : FunctionResolver.resolve(facts, sourceRoots)) {
                if (f instanceof AsmInstruction i) {
                    out.add(i);
                }
            }
        } catch (IOException | dev.perfwarden.facts.core.ParseException | RuntimeException e) {
            notes.add(p + ": machine code not shown: " + e.getMessage());
        }
    }
}
