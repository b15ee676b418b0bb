package dev.perfwarden.cli;

import dev.perfwarden.capture.GoCapture;
import dev.perfwarden.capture.GoToolchainException;
import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.disasm.BinaryMismatchException;
import dev.perfwarden.facts.disasm.BuildIdCheck;
import dev.perfwarden.facts.disasm.DisasmListing;
import dev.perfwarden.facts.disasm.SampledAddresses;
import dev.perfwarden.facts.input.InputFiles;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code hot PROFILE --disasm REGEX (--binary BIN | --objdump FILE)}: checks the options and the
 * binary's build ID, gets the machine code (the given objdump text, or {@code go tool objdump -s REGEX
 * BIN}) and prints {@link DisasmListing}. A build ID that cannot be compared (Go 1.23 binaries have
 * none) is said on standard error; the address check of {@link DisasmListing} still applies.
 */
final class HotDisasm {
    private HotDisasm() {
    }

    static int run(CommandSpec spec, Path profile, String regex, Path binary, Path objdump, String sampleIndex,
                   String format) throws IOException {
        if (regex == null) {
            throw new UserException("--binary and --objdump need --disasm REGEX");
        }
        if (binary == null && objdump == null) {
            throw new UserException("--disasm needs --binary BIN (or --objdump FILE: go tool objdump output of the profiled binary)");
        }
        if (!format.equals("text")) {
            throw new UserException("--disasm prints text only (--format " + format + " is not available with it)");
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new UserException("--disasm: bad regular expression: " + e.getDescription() + " in '" + regex + "'");
        }
        if (binary != null) {
            requireFile(binary, "--binary");
        }
        if (objdump != null) {
            requireFile(objdump, "--objdump");
        }
        PrintWriter err = spec.commandLine().getErr();
        Path tmp = null;
        try {
            SampledAddresses samples = SampledAddresses.read(profile, profile.toString(), sampleIndex);
            if (binary != null) {
                Optional<String> unchecked = BuildIdCheck.check(samples, binary, binary.toString());
                unchecked.ifPresent(why -> err.println("perfwarden hot: " + why));
            }
            Path code = objdump;
            String codeName = objdump == null ? "go tool objdump of " + binary : objdump.toString();
            if (code == null) {
                tmp = Files.createTempFile("perfwarden-objdump", ".txt");
                GoCapture.objdump(binary, regex, tmp);
                code = tmp;
            }
            String text = DisasmListing.of(samples, pattern, code, codeName).toText(dev.perfwarden.engine.report.TerminalText::escape);
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
            err.flush();
            return 0;
        } catch (ParseException | BinaryMismatchException | GoToolchainException e) {
            throw new UserException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UserException(profile + ": " + e.getMessage(), e);
        } catch (IOException e) {
            if (binary != null && e.getMessage() != null && e.getMessage().startsWith(binary.toString())) {
                throw new UserException(e.getMessage(), e);
            }
            throw e;
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static void requireFile(Path p, String what) {
        Optional<String> special = InputFiles.special(p);
        if (special.isPresent()) {
            throw new UserException(InputFiles.refusal(p.toString(), special.get()));
        }
        if (!Files.isRegularFile(p)) {
            throw new UserException(what + " " + p + ": no such file");
        }
    }
}
