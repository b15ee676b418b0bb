package dev.perfwarden.cli;

import dev.perfwarden.engine.restrict.Trust;
import picocli.CommandLine;

/** {@code --trust restricted|full} for commands that take it as a plain option. */
public final class TrustConverter implements CommandLine.ITypeConverter<Trust> {
    @Override
    public Trust convert(String value) {
        return Trust.byId(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                "unknown --trust '" + value + "' (expected restricted or full)"));
    }
}
