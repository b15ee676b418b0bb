package dev.perfwarden.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Name and version of the engine, as built (from a resource filtered by Maven). */
public final class EngineInfo {
    private static final String NAME;
    private static final String VERSION;

    static {
        Properties p = new Properties();
        try (InputStream in = EngineInfo.class.getResourceAsStream("engine.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        NAME = p.getProperty("name", "perfwarden");
        String v = p.getProperty("version", "0.0.0");
        VERSION = v.startsWith("${") ? "0.0.0" : v;
    }

    private EngineInfo() {
    }

    /** {@code perfwarden}. */
    public static String name() {
        return NAME;
    }

    /** The engine's semantic version, e.g. {@code 0.1.0}; packs declare the range they accept. */
    public static String version() {
        return VERSION;
    }
}
