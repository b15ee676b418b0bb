package dev.perfwarden.engine.frontend;

import dev.perfwarden.engine.frontend.LineMap;

/** Raw DRL ({@code .drl}): passed through unchanged, lines map to themselves. */
public final class DrlFrontend implements PolicyFrontend {
    @Override
    public String id() {
        return "drl";
    }

    @Override
    public boolean accepts(String fileName) {
        return fileName.endsWith(".drl");
    }

    @Override
    public Translation translate(SourceFile src, PackContext ctx) {
        return Translation.of(src.text(), LineMap.identity());
    }
}
