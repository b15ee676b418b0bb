package dev.perfwarden.engine.analysis;

import dev.perfwarden.engine.pack.Pack;

/** A pack used by a run, as reported in {@code packs[]}: what an auditor pins. */
public record PackInfo(String id, String version, String sha256) {
    public static PackInfo of(Pack p) {
        return new PackInfo(p.id(), p.version(), p.sha256());
    }
}
