package dev.perfwarden.engine.kie;

import dev.perfwarden.engine.EngineInfo;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackImage;
import dev.perfwarden.engine.pack.RuleSource;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.core.impl.RuleBaseFactory;
import org.drools.model.Model;
import org.drools.model.codegen.ExecutableModelProject;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

/**
 * Rule packs compiled to the Drools executable model: Java classes that build a {@link KieBase} without
 * parsing DRL or compiling consequences at run time. Two uses:
 * <ul>
 *   <li>built-in packs, compiled when perfwarden is built ({@link #main}, run by the {@code rules}
 *       module): their classes and a descriptor {@code META-INF/perfwarden/prebuilt/<id>.properties}
 *       are in the jar;</li>
 *   <li>other packs, compiled on first use and kept in the on-disk {@link PackCache}.</li>
 * </ul>
 * A pack's descriptor is used only when the pack's sha256 and the engine version and prelude it was
 * compiled with are those of this run; otherwise the caller goes on to the {@link PackCache} (and, failing that,
 * the classic compile).
 */
public final class ExecutableModels {
    private static final String MODEL_LIST = "drools-model";

    /** The folder of prelude.drl's package ({@code dev.perfwarden.engine.prelude}), where its generated classes go. */
    static final String PRELUDE_PACKAGE_DIR = "dev/perfwarden/engine/prelude";

    private ExecutableModels() {
    }

    /**
     * Deletes the classes an earlier build generated below the pack's DRL package folder ({@code packageDir},
     * e.g. {@code perfwarden/packs/go_perf}) that this build did not write again: the generated names and
     * their sub-folders carry hashes of the rules, so without this every incremental build of a changed
     * pack would leave its old classes in the jar.
     */
    static void removeStaleClasses(java.nio.file.Path packageDir, java.util.Set<java.nio.file.Path> written)
            throws java.io.IOException {
        if (!java.nio.file.Files.isDirectory(packageDir)) {
            return;
        }
        try (var files = java.nio.file.Files.walk(packageDir)) {
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
                if (f.toString().endsWith(".class") && !written.contains(f)) {
                    java.nio.file.Files.delete(f);
                }
            }
        }
    }

    /**
     * Build time: precompiles each built-in pack named in {@code args[1..]} (from the class path) into folder
     * {@code args[0]} ({@link #precompile}).
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ExecutableModels OUTPUT_DIR PACK_ID...");
            System.exit(2);
        }
        java.nio.file.Path outDir = java.nio.file.Path.of(args[0]);
        for (int i = 1; i < args.length; i++) {
            long t0 = System.nanoTime();
            boolean compiled = precompile(outDir, args[i], ExecutableModels.class.getClassLoader(),
                    PrecompileInputs.jvmClasspath());
            System.out.printf("perfwarden: %s %s in %.1f s%n", compiled ? "precompiled" : "up to date (inputs unchanged):",
                    args[i], (System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * Compiles built-in pack {@code id} (read from {@code cl}) to the executable model and writes its classes, its
     * {@link PackImage} and its descriptor under {@code outDir}; the compile is skipped when the descriptor there
     * was written from the same {@link PrecompileInputs#key inputs} and the classes it describes are all there,
     * unchanged. The image is written again either way (from the files just read).
     *
     * @return whether the pack was compiled (false: the classes of the last build were still current)
     */
    static boolean precompile(java.nio.file.Path outDir, String id, ClassLoader cl, List<java.nio.file.Path> classpath)
            throws Exception {
        java.nio.file.Path meta = outDir.resolve(PackImage.RESOURCE_DIR);
        // an image left by an earlier build would be loaded instead of the sources (and carry that build's
        // classes' state): drop it first, so the pack is always read from its files
        java.nio.file.Files.deleteIfExists(meta.resolve(id + ".pack"));
        Pack pack = dev.perfwarden.engine.pack.PackLoader.loadBuiltin(cl, id);
        String inputs = PrecompileInputs.key(pack.files(), classpath, outDir);
        Properties last = new Properties();
        java.nio.file.Path descriptor = meta.resolve(pack.id() + ".properties");
        if (java.nio.file.Files.isRegularFile(descriptor)) {
            try (var in = java.nio.file.Files.newInputStream(descriptor)) {
                last.load(in);
            }
        }
        boolean current = inputs.equals(last.getProperty("inputs"))
                && PrecompileInputs.outputs(outDir).equals(last.getProperty("outputs"))
                && !last.getProperty("models", "").isEmpty();
        String models = last.getProperty("models");
        if (!current) {
            java.nio.file.Files.deleteIfExists(descriptor);   // no descriptor names classes half written
            models = String.join(",", writeClasses(outDir, pack, cl));
        }
        java.nio.file.Files.createDirectories(meta);
        try (var out = java.nio.file.Files.newOutputStream(meta.resolve(pack.id() + ".pack"))) {
            PackImage.write(cl, pack, out);
        }
        Properties p = new Properties();
        p.setProperty("engine", EngineInfo.version());
        p.setProperty("prelude", RuleSet.preludeSha256());
        p.setProperty("sha256", pack.sha256());
        p.setProperty("models", models);
        p.setProperty("inputs", inputs);
        p.setProperty("outputs", PrecompileInputs.outputs(outDir));
        try (var out = java.nio.file.Files.newOutputStream(descriptor)) {
            p.store(out, "perfwarden: " + pack.label() + " compiled to the Drools executable model");
        }
        return !current;
    }

    /** Compiles {@code pack} and writes its classes under {@code outDir}; returns its model class names. */
    private static List<String> writeClasses(java.nio.file.Path outDir, Pack pack, ClassLoader cl) throws IOException {
        Compiled c = compile(List.of(pack), cl);
        if (!c.errors().isEmpty()) {
            throw new IllegalStateException("pack " + pack.id() + " does not compile to the executable model:\n  "
                    + String.join("\n  ", c.errors()));
        }
        java.util.Set<java.nio.file.Path> written = new java.util.HashSet<>();
        List<String> models = new ArrayList<>();
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(c.kjar()))) {
            for (JarEntry e; (e = jar.getNextJarEntry()) != null; ) {
                if (e.getName().endsWith(".class")) {
                    java.nio.file.Path target = outDir.resolve(e.getName());
                    java.nio.file.Files.createDirectories(target.getParent());
                    java.nio.file.Files.write(target, jar.readAllBytes());
                    written.add(target);
                } else if (isModelList(e.getName())) {
                    addModels(jar.readAllBytes(), models);
                }
            }
        }
        removeStaleClasses(outDir.resolve(Pack.drlPackageOf(pack.id()).replace('.', '/')), written);
        // the prelude's classes are hash-named too (its DRL package, which holds no hand-written class): a build after
        // a prelude or fact-class change left the old ones in the jar (1,700 entries where one build writes ~50)
        removeStaleClasses(outDir.resolve(PRELUDE_PACKAGE_DIR), written);
        return models;
    }

    /** The result of compiling packs to the executable model: a kjar, or errors. */
    record Compiled(byte[] kjar, List<String> errors) {
    }

    /** Compiles the prelude and {@code packs} to the executable model (slower than the classic build: ×2–3). */
    static Compiled compile(List<Pack> packs, ClassLoader cl) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId rid = ks.newReleaseId("dev.perfwarden.models", "model-" + Long.toHexString(System.nanoTime()), "1.0.0");
        kfs.generateAndWritePomXML(rid);
        RuleSet.writeSources(kfs, packs);
        KieBuilder kb = ks.newKieBuilder(kfs, cl).buildAll(ExecutableModelProject.class);
        List<String> errors = new ArrayList<>();
        for (Message m : kb.getResults().getMessages(Message.Level.ERROR)) {
            errors.add(m.getPath() + ":" + m.getLine() + ": " + m.getText().lines().findFirst().orElse(""));
        }
        if (!errors.isEmpty()) {
            ks.getRepository().removeKieModule(rid);
            return new Compiled(null, errors);
        }
        InternalKieModule km = (InternalKieModule) kb.getKieModule();
        byte[] bytes = km.getBytes();
        ks.getRepository().removeKieModule(rid);
        return new Compiled(bytes, List.of());
    }

    /** Whether a kjar's entry {@code name} lists its model classes ({@code META-INF/kie/…/drools-model}). */
    static boolean isModelList(String name) {
        return name.endsWith("/" + MODEL_LIST);
    }

    /** Adds the model class names of a kjar's {@linkplain #isModelList model list} {@code list} to {@code out}. */
    static void addModels(byte[] list, List<String> out) {
        new String(list, StandardCharsets.UTF_8).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.contains(":")).forEach(out::add);
    }

    /**
     * Builds a KieBase from model classes that {@code cl} can load, with Drools' default configuration made
     * directly: {@code createKieBaseFromModel(models)} asks {@code KieServices} for it, whose first lookup loads
     * and instantiates every KieServices provider on the class path (twice) and nothing else in a run needs it
     * (some 3 % of the Java samples of a start). The two configurations are the same: both are
     * {@code RuleBaseFactory.newKnowledgeBaseConfiguration(null, null)} (KieServicesImpl delegates to it).
     */
    static KieBase kieBase(List<String> models, ClassLoader cl) throws ReflectiveOperationException {
        List<Model> ms = new ArrayList<>();
        for (String n : models) {
            ms.add((Model) Class.forName(n, true, cl).getDeclaredConstructor().newInstance());
        }
        return KieBaseBuilder.createKieBaseFromModel(ms, RuleBaseFactory.newKnowledgeBaseConfiguration());
    }

    /**
     * The KieBase of {@code packs} from the models compiled when perfwarden was built, when every pack has
     * one for its exact content (by sha256, wherever it was loaded from) and this engine and prelude.
     */
    static Optional<KieBase> prebuilt(List<Pack> packs, ClassLoader cl) {
        LinkedHashSet<String> models = new LinkedHashSet<>();
        String prelude = RuleSet.preludeSha256();
        for (Pack p : packs) {
            Properties d = descriptor(cl, p.id());
            if (d == null || !p.sha256().equals(d.getProperty("sha256"))
                    || !EngineInfo.version().equals(d.getProperty("engine"))
                    || !prelude.equals(d.getProperty("prelude"))) {
                return Optional.empty();
            }
            models.addAll(List.of(d.getProperty("models", "").split(",")));
        }
        models.remove("");
        if (packs.isEmpty() || models.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(kieBase(List.copyOf(models), cl));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Properties descriptor(ClassLoader cl, String packId) {
        try (InputStream in = cl.getResourceAsStream(PackImage.RESOURCE_DIR + packId + ".properties")) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            return null;
        }
    }
}
