package dev.perfwarden.engine.report;

import dev.perfwarden.engine.analysis.AnalysisResult;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Renders an {@link AnalysisResult}. Implementations are stateless and thread-safe. */
public interface Reporter {
    void write(AnalysisResult result, Appendable out) throws IOException;

    default String render(AnalysisResult result) {
        StringBuilder sb = new StringBuilder();
        try {
            write(result, sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }
}
