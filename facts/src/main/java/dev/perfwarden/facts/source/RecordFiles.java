package dev.perfwarden.facts.source;

import dev.perfwarden.facts.core.Fact;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Maps the {@code String file} component of a record fact that has no {@link Attributable#relocate}
 * of its own (machine-code facts from objdump and {@code -S}, SSA facts, profile lines), so that
 * every input's facts carry the same module-relative file: objdump prints the {@code -trimpath}
 * form ({@code example.com/m/x/y.go}), {@code -S} and pprof print absolute paths. The record is
 * rebuilt through its canonical constructor, so its own checks still run.
 */
final class RecordFiles {
    private RecordFiles() {
    }

    private record Shape(Constructor<?> ctor, RecordComponent[] components, int file) {
    }

    private static final ClassValue<Optional<Shape>> SHAPES = new ClassValue<>() {
        @Override
        protected Optional<Shape> computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return Optional.empty();
            }
            RecordComponent[] cs = type.getRecordComponents();
            int file = -1;
            Class<?>[] types = new Class<?>[cs.length];
            for (int i = 0; i < cs.length; i++) {
                types[i] = cs[i].getType();
                if (cs[i].getName().equals("file") && cs[i].getType() == String.class) {
                    file = i;
                }
            }
            if (file < 0) {
                return Optional.empty();
            }
            try {
                Constructor<?> c = type.getDeclaredConstructor(types);
                c.setAccessible(true);
                for (RecordComponent rc : cs) {
                    rc.getAccessor().setAccessible(true);
                }
                return Optional.of(new Shape(c, cs, file));
            } catch (NoSuchMethodException | RuntimeException e) {
                return Optional.empty();
            }
        }
    };

    /** {@code f} with its {@code file} mapped; {@code f} itself when it has none or the file stays the same. */
    static Fact relocate(Fact f, UnaryOperator<String> files) {
        Optional<Shape> shape = SHAPES.get(f.getClass());
        if (shape.isEmpty()) {
            return f;
        }
        Shape s = shape.get();
        try {
            Object[] args = new Object[s.components().length];
            for (int i = 0; i < args.length; i++) {
                args[i] = s.components()[i].getAccessor().invoke(f);
            }
            String old = (String) args[s.file()];
            if (old == null) {
                return f;
            }
            String moved = files.apply(old);
            if (moved.equals(old)) {
                return f;
            }
            args[s.file()] = moved;
            return (Fact) s.ctor().newInstance(args);
        } catch (IllegalAccessException | InstantiationException e) {
            return f;
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot relocate " + f.getClass().getSimpleName() + ": "
                    + e.getCause(), e.getCause());
        }
    }
}
