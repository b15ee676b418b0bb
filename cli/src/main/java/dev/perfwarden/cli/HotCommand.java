package dev.perfwarden.cli;

import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.profile.HotTable;
import dev.perfwarden.facts.profile.ProfileData;
import dev.perfwarden.facts.profile.ProfileReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code perfwarden hot PROFILE...}: the hot-function table the rules see, like {@code go tool pprof -top} (several
 * profiles merged as pprof and the rules merge them);
 * with {@code --disasm REGEX}, the annotated machine code {@code go tool pprof -disasm REGEX BIN PROFILE}
 * prints ({@link HotDisasm}).
 */
@Command(name = "hot", mixinStandardHelpOptions = true,
        description = {"Print the hot-function table of a pprof profile, as the rules see it.",
                "Values are in the profile's own unit; function names as go tool pprof prints them. " +
                "Several profiles (scan's cpu-N.pprof, one per test binary) are merged as go tool pprof a b merges " +
                "them and as analyze weighs them: values summed, shares of the summed total. " +
                "With --disasm REGEX: the machine code of the sampled functions whose names REGEX finds, with " +
                "per-instruction flat and cum values, as go tool pprof -disasm prints them."})
public final class HotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PROFILE", arity = "1..*", description = "A pprof profile (CPU, heap/allocs, mutex, block), "
            + "gzipped or not, or a legacy text heap profile (debug=1, the compiler's -memprofile); several are merged "
            + "(one with --disasm).")
    List<Path> profiles;

    @Option(names = "--cum", description = "Sort by cumulative value instead of flat.")
    boolean cum;

    @Option(names = "--sample-index", paramLabel = "NAME",
            description = "Sample type to show, e.g. cpu, samples, alloc_space, inuse_objects (default: the profile's default).")
    String sampleIndex;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "Rows to show (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--disasm", paramLabel = "REGEX",
            description = "Annotated machine code of the sampled functions whose names REGEX finds (go tool pprof -disasm). "
                    + "Needs --binary or --objdump.")
    String disasm;

    @Option(names = "--binary", paramLabel = "BIN",
            description = "The binary the profile was taken from: its GNU build ID must equal the profile's, and, "
                    + "without --objdump, 'go tool objdump -s REGEX BIN' (Go on the PATH) gives the machine code.")
    Path binary;

    @Option(names = "--objdump", paramLabel = "FILE",
            description = "'go tool objdump' output of the profiled binary, instead of running it on --binary.")
    Path objdump;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) {
            throw new UserException("unknown --format '" + format + "' (expected text or json)");
        }
        if (top < 1) {
            throw new UserException("--top must be at least 1");
        }
        for (Path profile : profiles) {
            java.util.Optional<String> special = dev.perfwarden.facts.input.InputFiles.special(profile);
            if (special.isPresent()) {
                throw new UserException(dev.perfwarden.facts.input.InputFiles.refusal(profile.toString(), special.get()));
            }
            if (!Files.isRegularFile(profile)) {
                throw new UserException(profile + ": no such file");
            }
        }
        if (disasm != null || binary != null || objdump != null) {
            if (profiles.size() > 1) {
                throw new UserException("--disasm, --binary and --objdump take one profile (of that binary), not "
                        + profiles.size());
            }
            return HotDisasm.run(spec, profiles.get(0), disasm, binary, objdump, sampleIndex, format);
        }
        List<ProfileData> data = new ArrayList<>();
        List<String> names = new ArrayList<>();
        HotTable table;
        Path current = profiles.get(0);
        try {
            for (Path profile : profiles) {
                current = profile;
                data.add(new ProfileReader().read(profile));
                names.add(profile.toString());
            }
            current = profiles.get(0);
            table = HotTable.merged(data, names, sampleIndex, cum, top, HotTable.NODE_FRACTION);
        } catch (ParseException e) {
            throw new UserException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UserException((e.getMessage().startsWith(current.toString()) ? "" : current + ": ")
                    + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(format.equals("json") ? table.toJson() + "\n" : table.toText(dev.perfwarden.engine.report.TerminalText::escape));
        out.flush();
        return 0;
    }
}
