package dev.perfwarden.facts.profile;


import com.google.perftools.profiles.ProfileProto.Function;
import com.google.perftools.profiles.ProfileProto.Line;
import com.google.perftools.profiles.ProfileProto.Location;
import com.google.perftools.profiles.ProfileProto.Mapping;
import com.google.perftools.profiles.ProfileProto.Sample;
import com.google.perftools.profiles.ProfileProto.ValueType;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import dev.perfwarden.facts.core.InputPos;
import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.profile.ProfileStreams.Capture;
import dev.perfwarden.facts.profile.ProfileStreams.Counting;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a pprof profile ({@code profile.proto}, gzipped or not; or the legacy text heap profile,
 * through {@link LegacyHeapProfile}) into a {@link ProfileData}, in
 * pprof's stages: <b>decode</b> (here: the wire format, the top-level fields one at a time, each
 * element with the generated message parser, into raw {@link ProfileTables}); <b>resolve</b>
 * string-table indices, functions, locations and mappings and <b>validate</b> every
 * cross-reference ({@link ProfileResolver}); then aggregate the samples ({@link ProfileAggregator}). A broken input throws {@link ParseException}
 * ({@code MALFORMED}) at the byte offset of the top-level field that is wrong (offsets count
 * decompressed bytes when the file is gzipped, except for gzip errors themselves).
 *
 * <p><b>Memory.</b> Samples are not kept. Go writes the string table (and mappings) after the
 * samples, so names are only known at the end; the reader therefore makes two passes: the first
 * reads everything but the samples (locations, functions, mappings, strings: small), the second
 * streams the samples through {@link ProfileAggregator}, which keeps one set of counters per function
 * and per source line. Inputs whose (decompressed) size is at most {@link #MEMORY_LIMIT} (and an
 * eighth of the maximum heap) are held in memory between the passes; larger ones are read (and
 * inflated) twice, so memory stays bounded by the tables, not by the number of samples.
 *
 * <p><b>Attribution</b> (pprof's function granularity): a {@code Location} holds its
 * {@code Line}s innermost (inlined callee) first. Flat goes to the innermost line and function
 * of the sample's first (leaf) location; cum goes once per sample to every distinct function and
 * every distinct (function, file, line) on the stack, so recursion is not double counted.
 * Functions are keyed by name, as pprof merges same-named functions. {@code drop_frames} and
 * {@code keep_frames} are reported in the header but not applied ({@code go tool pprof} does not
 * apply them to profile.proto input either).
 */
public final class ProfileReader {
    /** Largest (decompressed) profile kept in memory between the two passes. */
    public static final int MEMORY_LIMIT = 64 << 20;

    /** {@link #MEMORY_LIMIT}, or an eighth of the maximum heap when that is smaller. */
    static int defaultMemoryLimit() {
        return (int) Math.min(MEMORY_LIMIT, Runtime.getRuntime().maxMemory() / 8);
    }
    /** Most distinct string label pairs kept in {@link ProfileData#labels()}. */
    public static final int MAX_LABEL_PAIRS = 1024;

    private static final int BUFFER = 1 << 16;
    private static final ExtensionRegistryLite NO_EXTENSIONS = ExtensionRegistryLite.getEmptyRegistry();

    // Profile field numbers (profile.proto)
    static final int SAMPLE_TYPE = 1;
    static final int SAMPLE = 2;
    static final int MAPPING = 3;
    static final int LOCATION = 4;
    static final int FUNCTION = 5;
    static final int STRING_TABLE = 6;
    static final int DROP_FRAMES = 7;
    static final int KEEP_FRAMES = 8;
    static final int TIME_NANOS = 9;
    static final int DURATION_NANOS = 10;
    static final int PERIOD_TYPE = 11;
    static final int PERIOD = 12;
    static final int COMMENT = 13;
    static final int DEFAULT_SAMPLE_TYPE = 14;
    static final int DOC_URL = 15;

    private static final String[] FIELD_NAMES = {"", "sample_type", "sample", "mapping", "location", "function",
        "string_table", "drop_frames", "keep_frames", "time_nanos", "duration_nanos", "period_type", "period",
        "comment", "default_sample_type", "doc_url"};

    private final FileNormalizer files;
    private final int memoryLimit;
    private final boolean edges;
    private final UntimedLines untimed;

    public ProfileReader() {
        this(FileNormalizer.identity());
    }

    public ProfileReader(FileNormalizer files) {
        this(files, defaultMemoryLimit(), true);
    }

    /**
     * {@code memoryLimit}: largest decompressed profile kept in memory between the passes (tests
     * use 0); {@code edges}: track caller→callee edges, needed only for
     * {@link ProfileData#inlineLabel} (costs about a third of the aggregation time).
     */
    ProfileReader(FileNormalizer files, int memoryLimit, boolean edges) {
        this(files, memoryLimit, edges, UntimedLines.NONE);
    }

    private ProfileReader(FileNormalizer files, int memoryLimit, boolean edges, UntimedLines untimed) {
        this.files = Objects.requireNonNull(files, "files");
        this.memoryLimit = memoryLimit;
        this.edges = edges;
        this.untimed = Objects.requireNonNull(untimed, "untimed");
    }

    /** A reader that skips what only the text table's {@code (inline)} labels need. */
    public ProfileReader withoutInlineLabels() {
        return new ProfileReader(files, memoryLimit, false, untimed);
    }

    /**
     * A reader that leaves out the samples of benchmarks' untimed parts ({@link UntimedLines}): they count in no
     * value and no total of the {@link ProfileData}, which says what was left out ({@link ProfileData#leftOut()}).
     */
    public ProfileReader withUntimed(UntimedLines lines) {
        return new ProfileReader(files, memoryLimit, edges, lines);
    }

    /** The wire type profile.proto gives a top-level field, or -1 for an unknown field. */
    static int expectedWireType(int field) {
        switch (field) {
            case SAMPLE_TYPE, SAMPLE, MAPPING, LOCATION, FUNCTION, STRING_TABLE, PERIOD_TYPE:
                return WireFormat.WIRETYPE_LENGTH_DELIMITED;
            case DROP_FRAMES, KEEP_FRAMES, TIME_NANOS, DURATION_NANOS, PERIOD, COMMENT, DEFAULT_SAMPLE_TYPE, DOC_URL:
                return WireFormat.WIRETYPE_VARINT;
            default:
                return -1;
        }
    }

    static String fieldName(int field) {
        return field > 0 && field < FIELD_NAMES.length ? FIELD_NAMES[field] : "field " + field;
    }

    public ProfileData read(Path path) throws IOException, ParseException {
        return read(path, path.toString());
    }

    /** Reads the profile at {@code path}; errors name it {@code display}. */
    public ProfileData read(Path path, String display) throws IOException, ParseException {
        return readKeepingBytes(path, display).data();
    }

    /**
     * A profile read and validated, with its decompressed bytes when they were held in memory between the
     * passes ({@code plain} null otherwise, and for legacy text profiles), so that a caller that needs the
     * message itself decodes those bytes instead of reading and decompressing the file again.
     */
    public record Read(ProfileData data, byte[] plain, int plainSize) {
    }

    /** As {@link #read(Path, String)}, keeping the decompressed bytes (see {@link Read}). */
    public Read readKeepingBytes(Path path, String display) throws IOException, ParseException {
        if (LegacyHeapProfile.is(path)) {
            return new Read(LegacyHeapProfile.read(path, display, this), null, 0);
        }
        boolean gzip;
        try (InputStream in = Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(2);
            gzip = magic.length == 2 && PprofSamples.isGzip(magic[0], magic[1]);
        }
        Run run;
        if (!gzip && Files.size(path) <= memoryLimit) {
            run = inMemory(Files.readAllBytes(path), display);
        } else {
            run = new Run(display, gzip, () -> Files.newInputStream(path));
        }
        ProfileData data = run.run();
        return new Read(data, run.plain, run.plainSize);
    }

    /** Reads a profile held in memory (gzipped or not). */
    public ProfileData read(byte[] data, String display) throws IOException, ParseException {
        return inMemory(data, display).run();
    }

    private Run inMemory(byte[] data, String display) {
        boolean gzip = data.length >= 2 && PprofSamples.isGzip(data[0], data[1]);
        Run run = new Run(display, gzip, () -> new ByteArrayInputStream(data));
        if (!gzip) {
            run.plain = data;
            run.plainSize = data.length;
        }
        return run;
    }

    private interface Opener {
        InputStream open() throws IOException;
    }

    /** One read of one profile: the two passes and their state. */
    final class Run {
        private final String display;
        private final boolean gzip;
        private final Opener opener;
        /** The decompressed bytes when they are in memory. */
        byte[] plain;
        int plainSize;

        private long base;
        private long fieldOffset;
        private int field;
        private Counting counting;
        private Capture capture;

        /** What pass 1 decodes: everything but the t.samples. */
        final ProfileTables t;

        Run(String display, boolean gzip, Opener opener) {
            this.display = display;
            this.gzip = gzip;
            this.opener = opener;
            this.t = new ProfileTables(display, gzip);
        }

        ProfileData run() throws IOException, ParseException {
            if (plain != null) {
                guard(() -> tables(CodedInputStream.newInstance(plain)));
            } else {
                try (InputStream raw = opener.open()) {
                    guard(() -> {
                        InputStream data = raw;
                        if (gzip) {
                            counting = new Counting(raw);
                            capture = new Capture(new GZIPInputStream(counting, BUFFER), memoryLimit);
                            data = capture;
                        }
                        tables(codedInput(data));
                    });
                }
                if (capture != null && capture.complete()) {
                    plain = capture.buf;
                    plainSize = capture.size;
                }
                capture = null;
            }
            Resolved r = ProfileResolver.resolve(t, files);
            ProfileAggregator agg = new ProfileAggregator(r, t, edges, untimed);
            base = 0;
            counting = null;
            if (plain != null) {
                guard(() -> samples(CodedInputStream.newInstance(plain, 0, plainSize), agg));
            } else {
                try (InputStream raw = opener.open()) {
                    guard(() -> {
                        InputStream data = raw;
                        if (gzip) {
                            counting = new Counting(raw);
                            data = new GZIPInputStream(counting, BUFFER);
                        }
                        samples(codedInput(data), agg);
                    });
                }
            }
            return agg.finish(ProfileResolver.header(t), new ProfileData.Counts(t.samples, t.locId.size(), t.fnId.size(), t.mapId.size(),
                    t.strings.size(), t.unknownFields));
        }

        private CodedInputStream codedInput(InputStream in) {
            CodedInputStream cis = CodedInputStream.newInstance(in, BUFFER);
            cis.setSizeLimit(Integer.MAX_VALUE);
            return cis;
        }

        private interface Pass {
            void run() throws IOException, ParseException;
        }

        /** Runs a pass, turning decoding and gzip errors into positioned {@link ParseException}s. */
        private void guard(Pass pass) throws IOException, ParseException {
            try {
                pass.run();
            } catch (InvalidProtocolBufferException e) {
                // protobuf wraps the stream's own errors when they happen inside a nested message
                if (e.getCause() instanceof ZipException z) {
                    throw corruptGzip(z);
                }
                if (gzip && e.getCause() instanceof EOFException) {
                    throw truncatedGzip();
                }
                String what = field == 0 ? "" : " in " + fieldName(field) + " (field " + field + ")";
                String problem = e.getMessage() != null && e.getMessage().contains("ended unexpectedly")
                        ? "truncated profile: the data ends inside a field" + what
                        : "not a valid profile.proto message" + what + ": " + e.getMessage();
                if (t.fieldsRead == 0) {
                    throw new ParseException(ParseException.Kind.UNRECOGNIZED, t.at(fieldOffset),
                            "not a pprof profile: " + problem, null);
                }
                throw t.malformed(fieldOffset, problem);
            } catch (ZipException e) {
                throw corruptGzip(e);
            } catch (EOFException e) {
                if (gzip) {
                    throw truncatedGzip();
                }
                throw e;
            }
        }

        private ParseException corruptGzip(ZipException e) {
            return new ParseException(ParseException.Kind.MALFORMED, compressedAt(),
                    "corrupt gzip data: " + e.getMessage(), null);
        }

        private ParseException truncatedGzip() {
            String where = field == 0 ? "at @" + fieldOffset
                    : "inside " + fieldName(field) + " (field " + field + ") that starts at @" + fieldOffset;
            return new ParseException(ParseException.Kind.MALFORMED, compressedAt(),
                    "truncated gzip data: the compressed stream ends early (the decompressed profile breaks off "
                            + where + ")", null);
        }

        private InputPos compressedAt() {
            return InputPos.offset(display, counting == null ? 0 : counting.count);
        }

        /** Positions the next top-level field and reads its tag; 0 at the end. */
        private int nextTag(CodedInputStream in) throws IOException, ParseException {
            base += in.getTotalBytesRead();
            in.resetSizeCounter();
            fieldOffset = base;
            field = 0;
            int tag = in.readTag();
            if (tag == 0) {
                return 0;
            }
            field = WireFormat.getTagFieldNumber(tag);
            int wire = WireFormat.getTagWireType(tag);
            int expected = expectedWireType(field);
            boolean packedComment = field == COMMENT && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED;
            if (expected >= 0 && wire != expected && !packedComment) {
                String problem = fieldName(field) + " (field " + field + ") has wire type " + wire
                        + ", profile.proto declares " + expected;
                if (t.fieldsRead == 0) {
                    throw new ParseException(ParseException.Kind.UNRECOGNIZED, t.at(fieldOffset),
                            "not a pprof profile: " + problem, null);
                }
                throw t.malformed(fieldOffset, problem);
            }
            if (wire == WireFormat.WIRETYPE_END_GROUP || wire > WireFormat.WIRETYPE_FIXED32) {
                throw t.malformed(fieldOffset, "invalid wire type " + wire + " for field " + field);
            }
            return tag;
        }

        /** Pass 1: everything except the t.samples, each field by its decoder ({@link #decoders}). */
        private void tables(CodedInputStream in) throws IOException, ParseException {
            for (int tag; (tag = nextTag(in)) != 0; t.fieldsRead++) {
                FieldDecoder d = field > 0 && field < decoders.length ? decoders[field] : null;
                if (d != null) {
                    d.decode(in, tag);
                } else {
                    t.unknownFields++;
                    if (!in.skipField(tag)) {
                        throw t.malformed(fieldOffset, "unexpected end-group tag");
                    }
                }
            }
        }

        /** Decodes one top-level field of pass 1 into {@link #t}; {@code tag} gives its wire type. */
        private interface FieldDecoder {
            void decode(CodedInputStream in, int tag) throws IOException, ParseException;
        }

        /** One decoder per profile.proto field number, as pprof's {@code profileDecoder}; null for unknown fields. */
        private final FieldDecoder[] decoders = decoders();

        private FieldDecoder[] decoders() {
            FieldDecoder[] d = new FieldDecoder[DOC_URL + 1];
            d[SAMPLE_TYPE] = (in, tag) -> {
                ValueType vt = in.readMessage(ValueType.parser(), NO_EXTENSIONS);
                t.sampleTypeIdx.add(vt.getType());
                t.sampleTypeIdx.add(vt.getUnit());
                t.sampleTypeOff.add(fieldOffset);
            };
            d[SAMPLE] = (in, tag) -> {
                in.skipField(tag);
                t.samples++;
            };
            d[MAPPING] = (in, tag) -> mapping(in.readMessage(Mapping.parser(), NO_EXTENSIONS));
            d[LOCATION] = (in, tag) -> location(in.readMessage(Location.parser(), NO_EXTENSIONS));
            d[FUNCTION] = (in, tag) -> function(in.readMessage(Function.parser(), NO_EXTENSIONS));
            d[STRING_TABLE] = (in, tag) -> {
                if (t.stringTableOffset < 0) {
                    t.stringTableOffset = fieldOffset;
                }
                t.strings.add(in.readString());
            };
            d[PERIOD_TYPE] = (in, tag) -> {
                ValueType vt = in.readMessage(ValueType.parser(), NO_EXTENSIONS);
                t.periodTypeType = vt.getType();
                t.periodTypeUnit = vt.getUnit();
                t.periodTypeOff = fieldOffset;
            };
            d[DROP_FRAMES] = (in, tag) -> t.dropFrames = scalar(in);
            d[KEEP_FRAMES] = (in, tag) -> t.keepFrames = scalar(in);
            d[TIME_NANOS] = (in, tag) -> t.timeNanos = scalar(in);
            d[DURATION_NANOS] = (in, tag) -> t.durationNanos = scalar(in);
            d[PERIOD] = (in, tag) -> t.period = scalar(in);
            d[DEFAULT_SAMPLE_TYPE] = (in, tag) -> t.defaultSampleType = scalar(in);
            d[DOC_URL] = (in, tag) -> t.docUrl = scalar(in);
            d[COMMENT] = this::comment;
            return d;
        }

        private void mapping(Mapping m) {
            t.mapId.add(m.getId());
            t.mapFile.add(m.getFilename());
            t.mapBuildId.add(m.getBuildId());
            t.mapOff.add(fieldOffset);
        }

        private void location(Location l) {
            t.locId.add(l.getId());
            t.locMapping.add(l.getMappingId());
            t.locOff.add(fieldOffset);
            t.locLineStart.add(t.lineFnId.size());
            for (int i = 0; i < l.getLineCount(); i++) {
                Line line = l.getLine(i);
                t.lineFnId.add(line.getFunctionId());
                t.lineNo.add(line.getLine());
            }
        }

        private void function(Function f) {
            t.fnId.add(f.getId());
            t.fnName.add(f.getName());
            t.fnSystemName.add(f.getSystemName());
            t.fnFile.add(f.getFilename());
            t.fnOff.add(fieldOffset);
        }

        /** {@code comment}: one varint, or (as Go writes repeated int64) a packed run of them. */
        private void comment(CodedInputStream in, int tag) throws IOException {
            t.scalarOff[COMMENT] = fieldOffset;
            if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
                t.comments.add(in.readInt64());
            } else {
                int limit = in.pushLimit(in.readRawVarint32());
                while (in.getBytesUntilLimit() > 0) {
                    t.comments.add(in.readInt64());
                }
                in.popLimit(limit);
            }
        }

        private long scalar(CodedInputStream in) throws IOException {
            t.scalarOff[field] = fieldOffset;
            return in.readInt64();
        }

        /** Pass 2: only the t.samples, each parsed and aggregated, then dropped. */
        private void samples(CodedInputStream in, ProfileAggregator agg) throws IOException, ParseException {
            for (int tag; (tag = nextTag(in)) != 0; t.fieldsRead++) {
                if (field == SAMPLE) {
                    agg.add(in.readMessage(Sample.parser(), NO_EXTENSIONS), fieldOffset);
                } else if (!in.skipField(tag)) {
                    throw t.malformed(fieldOffset, "unexpected end-group tag");
                }
            }
        }
    }

    record LineKey(int fn, String file, long line) {
    }

    /** The resolved tables: locations as runs of frames (innermost first), each a function and a line key. */
    record Resolved(int types, LongIntMap locations, int[] frameStart, int[] frameFn, int[] frameLine, int[] locMask,
                    String[] names, List<LineKey> lines) {
    }

}
