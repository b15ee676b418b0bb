package dev.perfwarden.engine.pack;

import dev.perfwarden.engine.frontend.DrlFrontend;
import dev.perfwarden.engine.frontend.DslrFrontend;
import dev.perfwarden.engine.frontend.PolicyFrontend;
import dev.perfwarden.engine.frontend.yaml.YamlPolicyFrontend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The registered policy front-ends: the three built-in ones (DRL, DSLR, YAML) and every
 * {@link PolicyFrontend} named in a {@code META-INF/services/dev.perfwarden.engine.frontend.PolicyFrontend}
 * file visible to the engine's class loader or to the thread's context class loader. Immutable; the
 * default registry is discovered once per JVM.
 *
 * <p>A file belongs to the first front-end that accepts its name, built-ins first; a plug-in cannot
 * take over {@code .drl}, {@code .dslr} or {@code .rules.yaml}.
 */
public final class Frontends {
    private static final class Default {
        static final Frontends INSTANCE = discover();
    }

    private final List<PolicyFrontend> all;

    private Frontends(List<PolicyFrontend> all) {
        this.all = List.copyOf(all);
    }

    /** The built-in front-ends only. */
    public static Frontends builtin() {
        return new Frontends(builtinList());
    }

    /** Built-ins followed by {@code extra}, in that order (for embedding and tests). */
    public static Frontends of(List<PolicyFrontend> extra) {
        List<PolicyFrontend> l = new ArrayList<>(builtinList());
        l.addAll(extra);
        return new Frontends(dedupe(l));
    }

    /** Built-ins plus plug-ins found by {@link ServiceLoader}; computed once. */
    public static Frontends defaults() {
        return Default.INSTANCE;
    }

    /** Every front-end, in the order they are asked. */
    public List<PolicyFrontend> all() {
        return all;
    }

    /** The front-end for a file name, if any accepts it. */
    public Optional<PolicyFrontend> forFile(String fileName) {
        for (PolicyFrontend f : all) {
            if (f.accepts(fileName)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static List<PolicyFrontend> builtinList() {
        return List.of(new DrlFrontend(), new DslrFrontend(), new YamlPolicyFrontend());
    }

    private static Frontends discover() {
        List<PolicyFrontend> l = new ArrayList<>(builtinList());
        List<ClassLoader> loaders = new ArrayList<>();
        loaders.add(Frontends.class.getClassLoader());
        ClassLoader ctx = Thread.currentThread().getContextClassLoader();
        if (ctx != null && ctx != loaders.get(0)) {
            loaders.add(ctx);
        }
        for (ClassLoader cl : loaders) {
            try {
                for (PolicyFrontend f : ServiceLoader.load(PolicyFrontend.class, cl)) {
                    l.add(f);
                }
            } catch (ServiceConfigurationError e) {
                throw new IllegalStateException("a policy front-end plug-in cannot be loaded: " + e.getMessage(), e);
            }
        }
        return new Frontends(dedupe(l));
    }

    /** Keeps the first front-end of each id (and of each class). */
    private static List<PolicyFrontend> dedupe(List<PolicyFrontend> l) {
        Map<String, PolicyFrontend> byId = new LinkedHashMap<>();
        for (PolicyFrontend f : l) {
            byId.putIfAbsent(f.id(), f);
        }
        return new ArrayList<>(byId.values());
    }
}
