package dev.perfwarden.facts.disasm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks a profile's main-mapping build ID against the binary's GNU build ID ({@link ElfBuildIds}).
 * Equal: the same binary. Different: {@link BinaryMismatchException}, naming both files and both IDs.
 * Either one missing (Go 1.23 and earlier write no GNU build ID, so their profiles record none): no
 * check by ID; the caller is told why, and the address check ({@link SameBinaryCheck}) still applies.
 */
public final class BuildIdCheck {
    private BuildIdCheck() {
    }

    /**
     * @return why the IDs could not be compared, or empty when they were and agree
     * @throws IOException when {@code binary} cannot be read or is no ELF file
     */
    public static Optional<String> check(SampledAddresses profile, Path binary, String binaryDisplay)
            throws IOException, BinaryMismatchException {
        ElfBuildIds ids = ElfBuildIds.read(binary);
        if (profile.buildId().isEmpty()) {
            return Optional.of(profile.display() + " records no build ID for its binary (Go 1.23 and earlier write "
                    + "none): not checked against " + binaryDisplay + " by ID");
        }
        if (ids.gnu().isEmpty()) {
            return Optional.of(binaryDisplay + " has no GNU build ID note: not checked against " + profile.display()
                    + " by ID");
        }
        if (!ids.gnu().equalsIgnoreCase(profile.buildId())) {
            throw new BinaryMismatchException(profile.display() + " was taken from a binary with build ID "
                    + profile.buildId() + " (" + profile.binary() + "), but " + binaryDisplay + " has build ID "
                    + ids.gnu() + ": not the same binary");
        }
        return Optional.empty();
    }
}
