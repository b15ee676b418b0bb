package dev.perfwarden.facts.disasm;

import dev.perfwarden.facts.asm.AsmBody;
import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.objdump.ObjdumpParser;
import dev.perfwarden.facts.profile.HotTable;
import dev.perfwarden.facts.profile.PprofUnits;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What {@code go tool pprof -disasm REGEX BINARY PROFILE} prints, made from the profile and
 * {@code go tool objdump} of the same binary: {@code Total:}, then per function whose name the regex
 * finds and that holds samples, a {@code ROUTINE} header with its flat and cum sums and every
 * instruction with its flat and cum values ({@code .} for none) and, where the function, file or line
 * changes, {@code ;function file:line} (the function only on sampled instructions: pprof takes it from
 * the sample). Functions are listed by name, then address.
 *
 * <p>Like pprof, the regex must also find a sampled address's {@code ADDRESS NAME FILE:LINE} string
 * (so an anchored {@code ^pkg\.} matches nothing in pprof); unlike pprof, it is a Java regex, which
 * agrees with Go's RE2 on ordinary patterns.
 */
public final class DisasmListing {
    private final SampledAddresses samples;
    private final Pattern regex;
    private final List<AsmBody> functions = new ArrayList<>();

    private DisasmListing(SampledAddresses samples, Pattern regex) {
        this.samples = samples;
        this.regex = regex;
    }

    /**
     * Collects the sampled functions of {@code objdump} whose names {@code regex} finds.
     *
     * @throws IllegalArgumentException when nothing matches (pprof's {@code no matches found for regexp})
     * @throws BinaryMismatchException    when the profile's sampled functions lie outside objdump's
     *                                    functions of the same name ({@link SameBinaryCheck})
     */
    public static DisasmListing of(SampledAddresses samples, Pattern regex, Path objdump, String objdumpDisplay)
            throws IOException, ParseException, BinaryMismatchException {
        DisasmListing listing = new DisasmListing(samples, regex);
        boolean matched = false;
        for (int i = 0; i < samples.size() && !matched; i++) {
            matched = regex.matcher(samples.printableName(i)).find();
        }
        boolean gate = matched;
        SameBinaryCheck check = new SameBinaryCheck(samples);
        ObjdumpParser.readFunctions(objdump, objdumpDisplay, body -> {
            check.function(body, objdumpDisplay);
            if (gate && regex.matcher(body.printedName).find() && InstructionJoin.sampled(body, samples)) {
                listing.functions.add(body);
            }
        });
        if (check.refused()) {
            throw new BinaryMismatchException(check.problem(objdumpDisplay));
        }
        if (listing.functions.isEmpty()) {
            throw new IllegalArgumentException("no matches found for regexp " + regex.pattern());
        }
        listing.functions.sort(Comparator.comparing((AsmBody b) -> b.printedName, HotTable::compareCodePoints)
                .thenComparing(AsmBody::start, Long::compareUnsigned));
        return listing;
    }

    /** The functions listed, in order. */
    public List<AsmBody> functions() {
        return List.copyOf(functions);
    }

    public String toText() {
        return toText(java.util.function.UnaryOperator.identity());
    }

    /**
     * As {@link #toText()}, with the names and instruction text that come from the profile and the objdump listing
     * passed through {@code esc} (the command line's terminal-text escaper: attack6 #7).
     */
    public String toText(java.util.function.UnaryOperator<String> esc) {
        String unit = samples.sampleType().unit();
        StringBuilder out = new StringBuilder();
        out.append("Total: ").append(PprofUnits.label(samples.total(), unit, "minimum")).append('\n');
        for (AsmBody body : functions) {
            List<InstructionJoin.Row> rows = InstructionJoin.rows(body, samples);
            long flatSum = 0;
            long cumSum = 0;
            for (InstructionJoin.Row r : rows) {
                flatSum += r.flat();
                cumSum += r.cum();
            }
            out.append("ROUTINE ======================== ").append(esc.apply(body.printedName)).append('\n');
            out.append(String.format(Locale.ROOT, "%10s %10s (flat, cum) %s of Total\n",
                    PprofUnits.label(flatSum, unit, "minimum"), PprofUnits.label(cumSum, unit, "minimum"),
                    PprofUnits.percentage(cumSum, samples.total())));
            String function = "";
            String file = "";
            int line = 0;
            for (InstructionJoin.Row r : rows) {
                String f = r.sampled() ? samples.function(r.node()) : "";
                String fl = base(r.insn().file);
                int ln = r.insn().line;
                if (fl.isEmpty() && r.sampled()) {
                    fl = base(samples.file(r.node()));
                }
                if (ln == 0 && r.sampled()) {
                    ln = samples.line(r.node());
                }
                String loc = "";
                if (!f.equals(function) || !fl.equals(file) || ln != line) {
                    function = f;
                    file = fl;
                    line = ln;
                    loc = esc.apply((f.isEmpty() ? "" : f + " ") + (fl.isEmpty() ? "" : ln != 0 ? fl + ":" + ln : fl));
                }
                String flat = dot(r.flat(), unit);
                String cum = dot(r.cum(), unit);
                String addr = Long.toHexString(r.insn().address);
                String text = esc.apply(r.text());
                if (loc.isEmpty()) {
                    out.append(String.format(Locale.ROOT, "%10s %10s %10s: %s\n", flat, cum, addr, text));
                } else if (text.length() < 40) {
                    out.append(String.format(Locale.ROOT, "%10s %10s %10s: %-40s;%s\n", flat, cum, addr, text, loc));
                } else {
                    out.append(String.format(Locale.ROOT, "%74s;%s\n", "", loc));
                    out.append(String.format(Locale.ROOT, "%10s %10s %10s: %s\n", flat, cum, addr, text));
                }
            }
        }
        return out.toString();
    }

    private static String dot(long v, String unit) {
        return v == 0 ? "." : PprofUnits.label(v, unit, "minimum");
    }

    private static String base(String file) {
        return file.substring(file.lastIndexOf('/') + 1);
    }
}
