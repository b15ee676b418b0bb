package dev.perfwarden.facts.disasm;

import dev.perfwarden.facts.asm.AsmBody;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Whether a profile and objdump text are of the same binary, as far as objdump text can tell (it has
 * no build ID): every sampled address of a function that objdump lists (by name: the outermost frame
 * of the profile's location) must lie inside one of that function's bodies there. More addresses
 * outside than inside: another binary.
 *
 * <p><b>Names.</b> The profile names a function as the runtime's function table does, objdump as the
 * ELF symbol table does, and they differ for an assembly function that also has a compiler-made
 * ABIInternal wrapper: the linker ({@code mangleABIName}, cmd/link/internal/ld/symtab.go) renames the
 * assembly body's symbol {@code F.abi0} (ABI0 is version 0) so the two symbols differ, while
 * {@code runtime.funcnametab} (pcln.go, {@code generateFuncnametab}) keeps the plain name {@code F} for
 * both. So objdump's {@code F.abi0} (the assembly body) and {@code F} (the wrapper) are both the profile's
 * {@code F}: a sample of {@code F} inside either is inside (lz4's decodeBlock: the body at 0x5c1c40, the
 * wrapper at 0x5c5f00). {@code go tool pprof -disasm} never compares names (it attributes samples to
 * symbols by address), so it lists the body as {@code F.abi0} with its samples.
 */
final class SameBinaryCheck {
    /** The linker's suffix of an assembly body (ABI0) beside its ABIInternal wrapper of the plain name. */
    private static final Pattern ABI_SUFFIX = Pattern.compile("\\.abi\\d+$");

    private final SampledAddresses samples;
    private final Map<String, List<Integer>> byName = new HashMap<>();
    /** Each sampled function's bodies in this objdump text (start, end exclusive), in the order met. */
    private final Map<String, List<long[]>> bodies = new LinkedHashMap<>();
    private final Map<String, String> display = new HashMap<>();
    private boolean counted;
    private int inside;
    private int outside;
    private String example;

    SameBinaryCheck(SampledAddresses samples) {
        this.samples = samples;
        for (int i = 0; i < samples.size(); i++) {
            byName.computeIfAbsent(samples.function(i), k -> new ArrayList<>()).add(i);
        }
    }

    /** The name the profile gives the function objdump prints as {@code printedName}. */
    static String profileName(String printedName) {
        Matcher m = ABI_SUFFIX.matcher(printedName);
        return m.find() ? printedName.substring(0, m.start()) : printedName;
    }

    /** Records the body of the function {@code body} names (under its printed name and the profile's name for it). */
    void function(AsmBody body, String display) {
        if (body.insns.isEmpty()) {
            return;
        }
        long[] range = {body.insns.get(0).address, InstructionJoin.end(body)};
        String plain = profileName(body.printedName);
        for (String name : plain.equals(body.printedName) ? List.of(plain) : List.of(plain, body.printedName)) {
            if (byName.containsKey(name)) {
                bodies.computeIfAbsent(name, k -> new ArrayList<>()).add(range);
                this.display.putIfAbsent(name, display);
            }
        }
        counted = false;
    }

    /** Counts the sampled addresses of every function met: inside one of its bodies, or outside all. */
    private void count() {
        if (counted) {
            return;
        }
        inside = 0;
        outside = 0;
        example = null;
        for (Map.Entry<String, List<long[]>> e : bodies.entrySet()) {
            for (int i : byName.get(e.getKey())) {
                long a = samples.address(i);
                if (e.getValue().stream().anyMatch(r -> Long.compareUnsigned(a, r[0]) >= 0
                        && Long.compareUnsigned(a, r[1]) < 0)) {
                    inside++;
                } else {
                    outside++;
                    if (example == null) {
                        example = String.format(Locale.ROOT, "the profile samples %s at %#x, %s has it at %s",
                                e.getKey(), a, display.get(e.getKey()), e.getValue().stream()
                                        .map(r -> String.format(Locale.ROOT, "%#x-%#x", r[0], r[1]))
                                        .collect(Collectors.joining(", ")));
                    }
                }
            }
        }
        counted = true;
    }

    int inside() {
        count();
        return inside;
    }

    int outside() {
        count();
        return outside;
    }

    boolean refused() {
        return outside() > inside();
    }

    /** Some sampled address lay inside its function here, and no more lay outside: this is the profile's binary. */
    boolean matched() {
        return inside() > 0 && !refused();
    }

    /** Why the check refused, naming the objdump inputs. */
    String problem(String objdumps) {
        count();
        return String.format(Locale.ROOT, "the profile %s is not of the binary %s shows: %d of %d sampled addresses of "
                + "its functions lie outside them (%s)", samples.display(), objdumps, outside, inside + outside, example);
    }
}
