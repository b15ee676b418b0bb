package dev.perfwarden.facts.parse;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The parsers' one Jackson mapper, created on first use: every parser is instantiated at each start, most
 * inputs are text, and creating a mapper in a cold JVM costs about 50 ms of CPU (some 300 classes).
 * An {@link ObjectMapper} that is not reconfigured is safe to share between threads.
 */
public final class LazyJson {
    private LazyJson() {
    }

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** The shared mapper (default configuration). */
    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }
}
