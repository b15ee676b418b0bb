package dev.perfwarden.engine.analysis;

import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.facts.program.ExternalFile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hides findings located outside the analysed module, counted as hidden ("external"): those whose file
 * {@link ExternalFile#originOf} calls not the module's own (the rules' definition too: compiler-made
 * positions, GOROOT and module-cache files, other absolute paths, and, when the module's source roots are
 * known, relative files under none of them). Findings without a file (profile-wide ones) stay.
 * {@code --include-external} shows the hidden ones.
 */
public final class ExternalCodeFilter implements FindingFilter {
    public static final String REASON = "external";

    private final List<Path> roots;
    private final Map<String, Boolean> external = new ConcurrentHashMap<>();

    /** Judges by the file name alone (absolute, {@code <…>}). */
    public ExternalCodeFilter() {
        this(List.of());
    }

    /**
     * Also hides relative files found under none of {@code roots}: the roots that are Go modules (hold a
     * {@code go.mod}); with none, files are judged by name alone.
     */
    public ExternalCodeFilter(List<Path> roots) {
        this.roots = ExternalFile.moduleRoots(roots);
    }

    @Override
    public String hide(Finding f) {
        String file = f.file();
        if (file == null || file.isEmpty()) {
            return null; // profile-wide findings have no file
        }
        return external.computeIfAbsent(file, x -> ExternalFile.originOf(x, roots) != null) ? REASON : null;
    }
}
