package dev.perfwarden.facts.disasm;

import dev.perfwarden.facts.asm.AsmBody;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a profile and objdump text are of the same binary, as far as objdump text can tell (it has
 * no build ID): every sampled address of a function that objdump lists (by name: the outermost frame
 * of the profile's location) must lie inside that function's instructions there. More addresses
 * outside than inside: another binary.
 */
final class SameBinaryCheck {
    private final SampledAddresses samples;
    private final Map<String, List<Integer>> byName = new HashMap<>();
    private int inside;
    private int outside;
    private String example;

    SameBinaryCheck(SampledAddresses samples) {
        this.samples = samples;
        for (int i = 0; i < samples.size(); i++) {
            byName.computeIfAbsent(samples.function(i), k -> new ArrayList<>()).add(i);
        }
    }

    /** Counts the sampled addresses of the function {@code body} names. */
    void function(AsmBody body, String display) {
        if (body.insns.isEmpty()) {
            return;
        }
        long start = body.insns.get(0).address;
        long end = InstructionJoin.end(body);
        for (int i : byName.getOrDefault(body.printedName, List.of())) {
            long a = samples.address(i);
            if (Long.compareUnsigned(a, start) >= 0 && Long.compareUnsigned(a, end) < 0) {
                inside++;
            } else {
                outside++;
                if (example == null) {
                    example = String.format(Locale.ROOT, "the profile samples %s at %#x, %s has it at %#x-%#x",
                            body.printedName, a, display, start, end);
                }
            }
        }
    }

    /** Adds the counts of a check of the same profile against another objdump text (its example only if this has none). */
    void add(SameBinaryCheck other) {
        inside += other.inside;
        outside += other.outside;
        if (example == null) {
            example = other.example;
        }
    }

    boolean refused() {
        return outside > inside;
    }

    /** Some sampled address lay inside its function here, and no more lay outside: this is the profile's binary. */
    boolean matched() {
        return inside > 0 && !refused();
    }

    /** Why the check refused, naming the objdump inputs. */
    String problem(String objdumps) {
        return String.format(Locale.ROOT, "the profile %s is not of the binary %s shows: %d of %d sampled addresses of "
                + "its functions lie outside them (%s)", samples.display(), objdumps, outside, inside + outside, example);
    }
}
