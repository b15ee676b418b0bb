package dev.perfwarden.batch;

import java.io.IOException;

/**
 * Runs a batch and leaves the output folder complete. {@link LocalBatch} is the thread pool of
 * {@code perfwarden batch}; the Beam pipeline (module batch-beam, loaded only for {@code --engine beam})
 * is the other implementation, found with {@link java.util.ServiceLoader}.
 */
public interface BatchEngine {
    /** {@code local} or {@code beam}. */
    String id();

    /**
     * @throws dev.perfwarden.engine.service.SetupException for a refused pack, project, lock or baseline file
     *                                                      (before any repository is analysed)
     */
    BatchResult run(BatchRequest request, Progress progress) throws IOException;
}
