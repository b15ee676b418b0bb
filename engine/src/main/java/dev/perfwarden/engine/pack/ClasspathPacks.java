package dev.perfwarden.engine.pack;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Lists the built-in packs: the folders {@code packs/<id>/} holding a {@code pack.yaml} on a class path. */
final class ClasspathPacks {
    private ClasspathPacks() {
    }

    /** Ids of the packs under {@code packs/} on the class path of {@code cl}, sorted. */
    static List<String> ids(ClassLoader cl) throws IOException {
        Set<String> ids = new TreeSet<>();
        Enumeration<URL> roots = cl.getResources("packs");
        while (roots.hasMoreElements()) {
            URL u = roots.nextElement();
            if ("file".equals(u.getProtocol())) {
                inFolder(u, ids);
            } else if ("jar".equals(u.getProtocol())) {
                inJar(u, ids);
            }
        }
        return List.copyOf(ids);
    }

    private static void inFolder(URL packs, Set<String> ids) throws IOException {
        try (Stream<Path> s = Files.list(Path.of(packs.toURI()))) {
            s.filter(p -> Files.isRegularFile(p.resolve("pack.yaml")))
                    .forEach(p -> ids.add(p.getFileName().toString()));
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    private static void inJar(URL packs, Set<String> ids) throws IOException {
        URL jarUrl = ((JarURLConnection) packs.openConnection()).getJarFileURL();
        try (JarFile jar = new JarFile(Path.of(jarUrl.toURI()).toFile())) {
            Enumeration<JarEntry> en = jar.entries();
            while (en.hasMoreElements()) {
                String n = en.nextElement().getName();
                if (!n.startsWith("packs/") || !n.endsWith("/pack.yaml")) {
                    continue;
                }
                String[] seg = n.split("/");
                if (seg.length == 3 && seg[0].equals("packs") && seg[2].equals("pack.yaml")) {
                    ids.add(seg[1]);
                }
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("cannot list " + jarUrl, e);
        }
    }
}
