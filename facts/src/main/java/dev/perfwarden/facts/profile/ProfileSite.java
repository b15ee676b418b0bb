package dev.perfwarden.facts.profile;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;

/**
 * What one profile alone says of one source line ({@link LineCost}) or one function ({@link HotFunction}), kept when
 * several profiles of its sample type were given and those facts are their merge ({@link ProfileMerge}): {@code scan
 * --bench} profiles one test binary per package, and a finding's cost is a share of the profile of one binary (the
 * engine's weighing picks the binary, see docs/rules.md "Several test binaries"), not of all of them summed, which
 * would put a line holding 94 % of its binary's bytes at 84 %; and rules that judge a line by one binary's heap profile
 * (alloc-heavy-line) read it. Only for the sample types a finding's cost reads ({@code cpu}, {@code samples},
 * {@code alloc_space}) and {@code alloc_objects}; none when one profile of the type was given (its facts are
 * then that profile's). Exactly one of {@code lineCost} and {@code function} is set; the key fields repeat its site:
 * {@code file} and {@code line} for a line ({@code symbol} and {@code instance} ""), {@code symbol} and
 * {@code instance} for a function ({@code file} "", {@code line} 0).
 *
 * <p>In DRL (the engine's prelude): {@code ProfileSite(symbol == "", file == $h.file, line == $h.line)}.
 */
@FactDoc(name = "profile-site", inputs = {"pprof"},
        value = "One profile's own line or function figures when several profiles of a sample type are merged.")
public record ProfileSite(@FieldDoc("the profile file (a ProfileSummary's input)") String input,
                          @FieldDoc("the profiled program's build ID (ProfileSummary.binary; \"\" when unknown)") String binary,
                          @FieldDoc("`cpu`, `samples`, `alloc_space` or `alloc_objects`") String sampleType,
                          @FieldDoc("the line's file; \"\" for a function") String file,
                          @FieldDoc("the line; 0 for a function") int line,
                          @FieldDoc("the function's site key; \"\" for a line") String symbol,
                          @FieldDoc("the function's instance name; \"\" for a line") String instance,
                          @FieldDoc("the line's figures in this profile alone, or null") LineCost lineCost,
                          @FieldDoc("the function's figures in this profile alone, or null") HotFunction function)
        implements Fact {
    public ProfileSite {
        if ((lineCost == null) == (function == null)) {
            throw new IllegalArgumentException("a profile site is a line or a function");
        }
    }

    /** One profile's line. */
    public static ProfileSite of(LineCost l, String binary) {
        return new ProfileSite(l.input(), binary, l.sampleType(), l.file(), l.line(), "", "", l, null);
    }

    /** One profile's function. */
    public static ProfileSite of(HotFunction f, String binary) {
        return new ProfileSite(f.input(), binary, f.sampleType(), "", 0, f.symbol(), f.instance(), null, f);
    }
}
