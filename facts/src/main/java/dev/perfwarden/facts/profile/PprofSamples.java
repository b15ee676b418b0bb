package dev.perfwarden.facts.profile;

import com.google.perftools.profiles.ProfileProto.Function;
import com.google.perftools.profiles.ProfileProto.Profile;
import com.google.perftools.profiles.ProfileProto.Sample;
import com.google.protobuf.CodedInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A profile.proto decoded whole, samples included, for the views that walk every sample with its stack:
 * per machine address ({@code SampledAddresses}, pprof's {@code -disasm}) and per call path (the HTML
 * report's flame graph). {@link ProfileReader} checks the profile first, with positioned errors, and keeps no
 * sample; these views read it again through here: one opening (gzip or not, told by its magic bytes), one
 * bounded decoding, one string and function lookup.
 */
public final class PprofSamples {
    private final Profile profile;
    private final Map<Long, Function> functions = new HashMap<>();

    private PprofSamples(Profile profile) {
        this.profile = profile;
        for (Function f : profile.getFunctionList()) {
            functions.put(f.getId(), f);
        }
    }

    /** Whether {@code b0 b1} open a gzip stream. */
    public static boolean isGzip(int b0, int b1) {
        return (b0 & 0xff) == 0x1f && (b1 & 0xff) == 0x8b;
    }

    /** The profile at {@code path}, decompressed when gzipped. */
    public static InputStream open(Path path) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return isGzip(b0, b1) ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /**
     * Decodes the profile at {@code path}, of at most {@code sizeLimit} (decompressed) bytes.
     *
     * @throws com.google.protobuf.InvalidProtocolBufferException when it is not a profile.proto message (or
     *         is larger than the limit)
     * @throws java.util.zip.ZipException when its gzip data is corrupt
     */
    public static PprofSamples read(Path path, int sizeLimit) throws IOException {
        try (InputStream in = open(path)) {
            CodedInputStream cis = CodedInputStream.newInstance(in);
            cis.setSizeLimit(sizeLimit);
            return new PprofSamples(Profile.parseFrom(cis));
        }
    }

    /** A decoded profile (tests build them by hand). */
    public static PprofSamples of(Profile profile) {
        return new PprofSamples(profile);
    }

    public Profile profile() {
        return profile;
    }

    /** String-table entry {@code index}; "" when out of range (the profile was validated when first read). */
    public String string(long index) {
        List<String> strings = profile.getStringTableList();
        return index >= 0 && index < strings.size() ? strings.get((int) index) : "";
    }

    /** The function of id {@code id}, or null when the profile defines none. */
    public Function function(long id) {
        return functions.get(id);
    }

    /** One sample with its value of the sample type asked for. */
    public interface Visitor {
        void sample(Sample sample, long value);
    }

    /** Visits each sample that has a value of sample type {@code index}, in file order. */
    public void forEachSample(int index, Visitor v) {
        for (Sample s : profile.getSampleList()) {
            if (index < s.getValueCount()) {
                v.sample(s, s.getValue(index));
            }
        }
    }
}
