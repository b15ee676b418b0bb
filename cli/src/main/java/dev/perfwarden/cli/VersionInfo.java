package dev.perfwarden.cli;

import picocli.CommandLine;

/** Reports the tool version from the jar manifest (falls back to the build's version). */
public final class VersionInfo implements CommandLine.IVersionProvider {
    public static String version() {
        String v = VersionInfo.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"perfwarden " + version()};
    }
}
