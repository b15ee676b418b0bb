package dev.perfwarden.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --baseline FILE}: report only findings that are not in the baseline (see docs/suppressions.md). */
public final class BaselineOptions {
    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Report only findings whose fingerprint is not in FILE (made by 'perfwarden baseline create'; "
                    + "default: the baseline named in .perfwarden.yaml). Baselined findings are counted as hidden "
                    + "and listed as suppressed in SARIF.")
    Path baseline;
}
