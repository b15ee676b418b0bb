package dev.perfwarden.facts.source;

import dev.perfwarden.facts.core.Attributable;
import dev.perfwarden.facts.core.Fact;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Maps a {@code String} component ({@code file}, {@code symbol}) of a record fact that has no
 * {@link Attributable#relocate} of its own (machine-code facts from objdump and {@code -S}, SSA facts,
 * profile facts), so that every input's facts carry the same module-relative file and symbol: objdump
 * prints the {@code -trimpath} form ({@code example.com/m/x/y.go}), {@code -S} and pprof print
 * absolute paths. The record is rebuilt through its canonical constructor, so its own checks still run.
 */
final class RecordFiles {
    private RecordFiles() {
    }

    private record Shape(Constructor<?> ctor, RecordComponent[] components) {
        int indexOf(String name) {
            for (int i = 0; i < components.length; i++) {
                if (components[i].getName().equals(name) && components[i].getType() == String.class) {
                    return i;
                }
            }
            return -1;
        }
    }

    private static final ClassValue<Optional<Shape>> SHAPES = new ClassValue<>() {
        @Override
        protected Optional<Shape> computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return Optional.empty();
            }
            RecordComponent[] cs = type.getRecordComponents();
            Class<?>[] types = new Class<?>[cs.length];
            for (int i = 0; i < cs.length; i++) {
                types[i] = cs[i].getType();
            }
            try {
                Constructor<?> c = type.getDeclaredConstructor(types);
                c.setAccessible(true);
                for (RecordComponent rc : cs) {
                    rc.getAccessor().setAccessible(true);
                }
                return Optional.of(new Shape(c, cs));
            } catch (NoSuchMethodException | RuntimeException e) {
                return Optional.empty();
            }
        }
    };

    /**
     * {@code f} with its {@code file} mapped (and the files of the frames a {@code LineCaller} names, {@code callerFile}
     * and {@code outerFile}); {@code f} itself when it has none or the files stay the same.
     */
    static Fact relocate(Fact f, UnaryOperator<String> files) {
        return map(f, files, "file", "callerFile", "outerFile");
    }

    /** {@code f} with each of its {@code String} components {@code names} it has mapped by {@code op}. */
    static Fact map(Fact f, UnaryOperator<String> op, String... names) {
        Fact r = f;
        for (String n : names) {
            r = map(r, n, op);
        }
        return r;
    }

    /**
     * {@code f} with its {@code String} component {@code name} mapped; {@code f} itself when it has no
     * such component or the value stays the same.
     */
    static Fact map(Fact f, String name, UnaryOperator<String> op) {
        Optional<Shape> shape = SHAPES.get(f.getClass());
        if (shape.isEmpty()) {
            return f;
        }
        Shape s = shape.get();
        int at = s.indexOf(name);
        if (at < 0) {
            return f;
        }
        try {
            String old = (String) s.components()[at].getAccessor().invoke(f);
            if (old == null) {
                return f;
            }
            String moved = op.apply(old);
            if (moved.equals(old)) {
                return f;
            }
            Object[] args = new Object[s.components().length];
            for (int i = 0; i < args.length; i++) {
                args[i] = i == at ? moved : s.components()[i].getAccessor().invoke(f);
            }
            return (Fact) s.ctor().newInstance(args);
        } catch (IllegalAccessException | InstantiationException e) {
            return f;
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot relocate " + f.getClass().getSimpleName() + ": "
                    + e.getCause(), e.getCause());
        }
    }
}
