package dev.perfwarden.engine.service;

import dev.perfwarden.engine.frontend.PackContext;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackArchive;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.pack.SemVer;
import dev.perfwarden.engine.pack.VersionRange;
import dev.perfwarden.engine.project.ProjectConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Which packs a session runs: those asked for, else the project file's, else go-perf. */
final class PackSelection {
    private final ClassLoader cl;
    /** What the DSLR files of all the packs this selection loads may take to expand, together. */
    private final PackContext.CpuBudget expansion;

    PackSelection(ClassLoader cl) {
        this(cl, PackContext.freshExpansionBudget());
    }

    PackSelection(ClassLoader cl, PackContext.CpuBudget expansion) {
        this.cl = cl;
        this.expansion = expansion;
    }

    List<Pack> select(SessionSpec spec, ProjectConfig config) {
        if (!spec.packs().isEmpty() || !spec.rulePacks().isEmpty() || config == null || config.packs().isEmpty()) {
            return asked(spec);
        }
        List<Pack> out = new ArrayList<>();
        for (ProjectConfig.PackSpec s : config.packs()) {
            Pack p;
            try {
                if (s.builtin()) {
                    if (!PackLoader.isBuiltin(cl, s.id())) {
                        throw new SetupException(config.file() + ":" + s.line() + ": no built-in pack '" + s.id()
                                + "' (built-in: " + String.join(", ", builtinIds()) + "); use path: for a pack folder");
                    }
                    p = PackLoader.loadBuiltin(cl, s.id());
                } else {
                    if (!Files.exists(s.path())) {
                        throw new SetupException(config.file() + ":" + s.line() + ": pack " + s.path()
                                + " does not exist");
                    }
                    p = PackLoader.load(s.path(), expansion);
                }
            } catch (PackException e) {
                throw SetupException.of(e);
            }
            if (s.range() != null && !s.range().contains(SemVer.of(p.version()))) {
                throw new SetupException(config.file() + ":" + s.line() + ": pack " + p.label()
                        + " does not satisfy " + s.label());
            }
            out.add(p);
        }
        return out;
    }

    /** The packs named in the spec; go-perf when it names none. */
    List<Pack> asked(SessionSpec spec) {
        List<Pack> out = new ArrayList<>();
        List<String> wanted = spec.packs().isEmpty() && spec.rulePacks().isEmpty() ? List.of("go-perf") : spec.packs();
        for (String s : wanted) {
            out.add(builtin(s));
        }
        for (Path dir : spec.rulePacks()) {
            if (!Files.isDirectory(dir) && !PackArchive.isArchive(dir)) {
                throw new SetupException("--rules " + dir + ": not a pack folder or a .zip/.jar archive");
            }
            try {
                out.add(PackLoader.load(dir, expansion));
            } catch (PackException e) {
                throw SetupException.of(e);
            }
        }
        return out;
    }

    private Pack builtin(String spec) {
        int at = spec.indexOf('@');
        String id = at < 0 ? spec : spec.substring(0, at);
        if (!PackLoader.isBuiltin(cl, id)) {
            throw new SetupException("no built-in pack '" + id + "' (built-in: " + String.join(", ", builtinIds())
                    + "); use --rules DIR for a pack folder");
        }
        Pack p;
        try {
            p = PackLoader.loadBuiltin(cl, id);
        } catch (PackException e) {
            throw SetupException.of(e);
        }
        if (at >= 0) {
            VersionRange range = VersionRange.parse(spec.substring(at + 1)).orElseThrow(() ->
                    new SetupException("bad version range in --pack " + spec));
            if (!range.contains(SemVer.of(p.version()))) {
                throw new SetupException("pack " + p.label() + " does not satisfy " + spec);
            }
        }
        return p;
    }

    List<String> builtinIds() {
        try {
            return PackLoader.builtinIds(cl);
        } catch (IOException e) {
            throw new SetupException("cannot list built-in packs: " + e.getMessage(), e);
        }
    }
}
