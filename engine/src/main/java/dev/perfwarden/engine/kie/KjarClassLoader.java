package dev.perfwarden.engine.kie;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

/**
 * Defines the classes of a kjar from bytes in memory: a pack cache entry's classes are those whose signature was
 * checked ({@link CacheTrust}), never a second read of a file that could have changed since. The kjar is unzipped
 * once, here: its model class names are read in the same pass ({@link #models}).
 */
final class KjarClassLoader extends ClassLoader {
    private final Map<String, byte[]> entries = new HashMap<>();
    private final List<String> models = new ArrayList<>();

    KjarClassLoader(byte[] kjar, ClassLoader parent) throws IOException {
        super(parent);
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(kjar))) {
            for (JarEntry e; (e = jar.getNextJarEntry()) != null; ) {
                if (!e.isDirectory()) {
                    byte[] b = jar.readAllBytes();
                    entries.put(e.getName(), b);
                    if (ExecutableModels.isModelList(e.getName())) {
                        ExecutableModels.addModels(b, models);
                    }
                }
            }
        }
    }

    /** The model class names the kjar lists, in its order (none: it holds no executable model). */
    List<String> models() {
        return List.copyOf(models);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] b = entries.get(name.replace('.', '/') + ".class");
        if (b == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, b, 0, b.length);
    }

    @Override
    protected URL findResource(String name) {
        byte[] b = entries.get(name);
        if (b == null) {
            return null;
        }
        try {
            return new URL("perfwarden-cache", "", -1, "/" + name, new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL u) {
                    return new URLConnection(u) {
                        @Override
                        public void connect() {
                        }

                        @Override
                        public InputStream getInputStream() {
                            return new ByteArrayInputStream(b);
                        }
                    };
                }
            });
        } catch (MalformedURLException e) {
            return null;
        }
    }
}
