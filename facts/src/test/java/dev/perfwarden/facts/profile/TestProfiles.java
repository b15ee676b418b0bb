package dev.perfwarden.facts.profile;

import com.google.perftools.profiles.ProfileProto.Function;
import com.google.perftools.profiles.ProfileProto.Line;
import com.google.perftools.profiles.ProfileProto.Location;
import com.google.perftools.profiles.ProfileProto.Mapping;
import com.google.perftools.profiles.ProfileProto.Profile;
import com.google.perftools.profiles.ProfileProto.Sample;
import com.google.perftools.profiles.ProfileProto.ValueType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Builds small profiles with the generated classes: functions by name, locations as lists of
 * functions (innermost first, i.e. inlined callees before their caller), samples as stacks of
 * location ids (leaf first).
 */
final class TestProfiles {
    private final Profile.Builder p = Profile.newBuilder();
    private final List<String> strings = new ArrayList<>(List.of(""));
    private final Map<String, Long> stringIndex = new HashMap<>(Map.of("", 0L));
    private final Map<String, Long> functionIds = new HashMap<>();
    private long nextLocation = 1;

    TestProfiles(String... typeUnitPairs) {
        for (int i = 0; i < typeUnitPairs.length; i += 2) {
            p.addSampleType(ValueType.newBuilder().setType(str(typeUnitPairs[i])).setUnit(str(typeUnitPairs[i + 1])));
        }
        p.addMapping(Mapping.newBuilder().setId(1).setFilename(str("/tmp/app")).setHasFunctions(true));
    }

    long str(String s) {
        return stringIndex.computeIfAbsent(s, x -> {
            strings.add(x);
            return (long) strings.size() - 1;
        });
    }

    long function(String name, String file) {
        return functionIds.computeIfAbsent(name, n -> {
            long id = functionIds.size() + 1L;
            p.addFunction(Function.newBuilder().setId(id).setName(str(n)).setSystemName(str(n))
                    .setFilename(str(file)));
            return id;
        });
    }

    /** A location whose lines are {@code name:line} pairs, innermost first. */
    long location(Object... nameLinePairs) {
        Location.Builder l = Location.newBuilder().setId(nextLocation++).setMappingId(1);
        for (int i = 0; i < nameLinePairs.length; i += 2) {
            String name = (String) nameLinePairs[i];
            l.addLine(Line.newBuilder().setFunctionId(function(name, "example.com/m/" + file(name)))
                    .setLine(((Number) nameLinePairs[i + 1]).longValue()));
        }
        p.addLocation(l);
        return l.getId();
    }

    private static String file(String name) {
        return name.startsWith("runtime.") ? "runtime.go" : "main.go";
    }

    TestProfiles sample(long[] values, long... stackLeafFirst) {
        Sample.Builder s = Sample.newBuilder();
        for (long v : values) {
            s.addValue(v);
        }
        for (long id : stackLeafFirst) {
            s.addLocationId(id);
        }
        p.addSample(s);
        return this;
    }

    Profile.Builder builder() {
        return p;
    }

    Profile build() {
        return p.clone().addAllStringTable(strings).build();
    }

    byte[] bytes() {
        return build().toByteArray();
    }

    byte[] gzipped() {
        return gzip(bytes());
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static long[] v(long... values) {
        return values;
    }
}
