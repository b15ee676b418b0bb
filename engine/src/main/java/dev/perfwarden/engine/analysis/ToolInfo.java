package dev.perfwarden.engine.analysis;

import dev.perfwarden.engine.EngineInfo;

/** {@code tool} in JSON output, {@code tool.driver} in SARIF. */
public record ToolInfo(String name, String version) {
    public static ToolInfo current() {
        return new ToolInfo(EngineInfo.name(), EngineInfo.version());
    }
}
