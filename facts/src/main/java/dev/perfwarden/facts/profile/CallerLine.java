package dev.perfwarden.facts.profile;

import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;
import dev.perfwarden.facts.core.Fact;

/**
 * What one source line outside the standard library costs together with the standard-library code it
 * calls, in one sample type of a profile: {@code flat} is the value of the samples whose innermost frame
 * outside the standard library (runtime included; see
 * {@link dev.perfwarden.facts.symbols.Symbols#isStandardLibrary}) is this line. A heap profile's bytes that
 * {@code net/http.(*Request).WithContext} allocates when module code calls it count at the module's
 * calling line, not at {@code net/http/request.go}; bytes a module line allocates itself count there too.
 * Inlined frames count as frames. One fact per profile and (function instance, file, line) with a nonzero
 * value; shares are of that profile's total for that sample type (setup left out, see
 * {@link ProfileSummary#leftOut}). Never merged over several profiles ({@link ProfileMerge}): {@code input} names
 * the profile, whose {@link ProfileSummary} (same {@code input}) tells the binary it profiled. Each instance of a
 * generic function is its own fact ({@code instance}), as in {@code go tool pprof -list}; {@code own} is the part
 * of {@code flat} whose innermost frame is the line itself (the rest is the standard-library code it calls).
 *
 * <p>In DRL: {@code CallerLine(sampleType == "alloc_space", flatShare >= 0.05)}.
 */
@FactDoc(name = "caller-line", inputs = {"pprof"},
        value = "A line outside the standard library with the standard-library work it calls charged to it, per sample type.")
public record CallerLine(String symbol, String file, int line, String sampleType, String unit,
                         @FieldDoc("samples whose innermost frame outside the standard library is the line") long flat,
                         @FieldDoc("flat as a share of the profile's total") double flatShare,
                         @FieldDoc("the function's instance name as pprof prints it; `symbol` is its site key") String instance,
                         @FieldDoc("the part of flat whose innermost frame is the line itself (pprof's flat)") long own,
                         @FieldDoc("the profile file (a ProfileSummary's input)") String input) implements Fact {
}
