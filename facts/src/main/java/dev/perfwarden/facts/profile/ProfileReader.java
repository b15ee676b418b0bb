package dev.perfwarden.facts.profile;

import dev.perfwarden.facts.runtime.RuntimeFunctions;
import dev.perfwarden.facts.symbols.Symbols;

import com.google.perftools.profiles.ProfileProto.Function;
import com.google.perftools.profiles.ProfileProto.Label;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a pprof profile ({@code profile.proto}, gzipped or not; or the legacy text heap profile,
 * through {@link LegacyHeapProfile}) into a {@link ProfileData}, in
 * pprof's stages: <b>decode</b> the top-level fields one at a time, each element with the
 * generated message parser; <b>resolve</b> string-table indices, functions, locations and
 * mappings; <b>validate</b> every cross-reference. A broken input throws {@link ParseException}
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
        this.files = Objects.requireNonNull(files, "files");
        this.memoryLimit = memoryLimit;
        this.edges = edges;
    }

    /** A reader that skips what only the text table's {@code (inline)} labels need. */
    public ProfileReader withoutInlineLabels() {
        return new ProfileReader(files, memoryLimit, false);
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
        if (LegacyHeapProfile.is(path)) {
            return LegacyHeapProfile.read(path, display, this);
        }
        boolean gzip;
        try (InputStream in = Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(2);
            gzip = magic.length == 2 && PprofSamples.isGzip(magic[0], magic[1]);
        }
        if (!gzip && Files.size(path) <= memoryLimit) {
            return read(Files.readAllBytes(path), display);
        }
        return new Run(display, gzip, () -> Files.newInputStream(path)).run();
    }

    /** Reads a profile held in memory (gzipped or not). */
    public ProfileData read(byte[] data, String display) throws IOException, ParseException {
        boolean gzip = data.length >= 2 && PprofSamples.isGzip(data[0], data[1]);
        Run run = new Run(display, gzip, () -> new ByteArrayInputStream(data));
        if (!gzip) {
            run.plain = data;
            run.plainSize = data.length;
        }
        return run.run();
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
        private long fieldsRead;
        private Counting counting;
        private Capture capture;

        // pass 1 tables
        private final LongList sampleTypeIdx = new LongList();
        private final LongList sampleTypeOff = new LongList();
        private final List<String> strings = new ArrayList<>();
        private long stringTableOffset = -1;
        private final LongList mapId = new LongList();
        private final LongList mapFile = new LongList();
        private final LongList mapBuildId = new LongList();
        private final LongList mapOff = new LongList();
        private final LongList fnId = new LongList();
        private final LongList fnName = new LongList();
        private final LongList fnSystemName = new LongList();
        private final LongList fnFile = new LongList();
        private final LongList fnOff = new LongList();
        private final LongList locId = new LongList();
        private final LongList locMapping = new LongList();
        private final LongList locOff = new LongList();
        private final LongList locLineStart = new LongList();
        private final LongList lineFnId = new LongList();
        private final LongList lineNo = new LongList();
        private long periodTypeType = -1;
        private long periodTypeUnit = -1;
        private long periodTypeOff;
        private long period;
        private long timeNanos;
        private long durationNanos;
        private long dropFrames;
        private long keepFrames;
        private long defaultSampleType;
        private long docUrl;
        private final LongList comments = new LongList();
        private final long[] scalarOff = new long[16];
        private long samples;
        private long unknownFields;

        Run(String display, boolean gzip, Opener opener) {
            this.display = display;
            this.gzip = gzip;
            this.opener = opener;
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
            Resolved r = resolve();
            ProfileAggregator agg = new ProfileAggregator(r, this, edges);
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
            return agg.finish(header(r), new ProfileData.Counts(samples, locId.size(), fnId.size(), mapId.size(),
                    strings.size(), unknownFields));
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
                if (fieldsRead == 0) {
                    throw new ParseException(ParseException.Kind.UNRECOGNIZED, at(fieldOffset),
                            "not a pprof profile: " + problem, null);
                }
                throw malformed(fieldOffset, problem);
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

        InputPos at(long offset) {
            return InputPos.offset(display, offset);
        }

        ParseException malformed(long offset, String problem) {
            return ParseException.malformed(at(offset), problem + (gzip ? " (offset in the decompressed data)" : ""),
                    null);
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
                if (fieldsRead == 0) {
                    throw new ParseException(ParseException.Kind.UNRECOGNIZED, at(fieldOffset),
                            "not a pprof profile: " + problem, null);
                }
                throw malformed(fieldOffset, problem);
            }
            if (wire == WireFormat.WIRETYPE_END_GROUP || wire > WireFormat.WIRETYPE_FIXED32) {
                throw malformed(fieldOffset, "invalid wire type " + wire + " for field " + field);
            }
            return tag;
        }

        /** Pass 1: everything except the samples. */
        private void tables(CodedInputStream in) throws IOException, ParseException {
            for (int tag; (tag = nextTag(in)) != 0; fieldsRead++) {
                switch (field) {
                    case SAMPLE_TYPE -> {
                        ValueType vt = in.readMessage(ValueType.parser(), NO_EXTENSIONS);
                        sampleTypeIdx.add(vt.getType());
                        sampleTypeIdx.add(vt.getUnit());
                        sampleTypeOff.add(fieldOffset);
                    }
                    case SAMPLE -> {
                        in.skipField(tag);
                        samples++;
                    }
                    case MAPPING -> {
                        Mapping m = in.readMessage(Mapping.parser(), NO_EXTENSIONS);
                        mapId.add(m.getId());
                        mapFile.add(m.getFilename());
                        mapBuildId.add(m.getBuildId());
                        mapOff.add(fieldOffset);
                    }
                    case LOCATION -> {
                        Location l = in.readMessage(Location.parser(), NO_EXTENSIONS);
                        locId.add(l.getId());
                        locMapping.add(l.getMappingId());
                        locOff.add(fieldOffset);
                        locLineStart.add(lineFnId.size());
                        for (int i = 0; i < l.getLineCount(); i++) {
                            Line line = l.getLine(i);
                            lineFnId.add(line.getFunctionId());
                            lineNo.add(line.getLine());
                        }
                    }
                    case FUNCTION -> {
                        Function f = in.readMessage(Function.parser(), NO_EXTENSIONS);
                        fnId.add(f.getId());
                        fnName.add(f.getName());
                        fnSystemName.add(f.getSystemName());
                        fnFile.add(f.getFilename());
                        fnOff.add(fieldOffset);
                    }
                    case STRING_TABLE -> {
                        if (stringTableOffset < 0) {
                            stringTableOffset = fieldOffset;
                        }
                        strings.add(in.readString());
                    }
                    case PERIOD_TYPE -> {
                        ValueType vt = in.readMessage(ValueType.parser(), NO_EXTENSIONS);
                        periodTypeType = vt.getType();
                        periodTypeUnit = vt.getUnit();
                        periodTypeOff = fieldOffset;
                    }
                    case DROP_FRAMES -> dropFrames = scalar(in);
                    case KEEP_FRAMES -> keepFrames = scalar(in);
                    case TIME_NANOS -> timeNanos = scalar(in);
                    case DURATION_NANOS -> durationNanos = scalar(in);
                    case PERIOD -> period = scalar(in);
                    case DEFAULT_SAMPLE_TYPE -> defaultSampleType = scalar(in);
                    case DOC_URL -> docUrl = scalar(in);
                    case COMMENT -> {
                        scalarOff[COMMENT] = fieldOffset;
                        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
                            comments.add(in.readInt64());
                        } else {
                            int limit = in.pushLimit(in.readRawVarint32());
                            while (in.getBytesUntilLimit() > 0) {
                                comments.add(in.readInt64());
                            }
                            in.popLimit(limit);
                        }
                    }
                    default -> {
                        unknownFields++;
                        if (!in.skipField(tag)) {
                            throw malformed(fieldOffset, "unexpected end-group tag");
                        }
                    }
                }
            }
        }

        private long scalar(CodedInputStream in) throws IOException {
            scalarOff[field] = fieldOffset;
            return in.readInt64();
        }

        /** Pass 2: only the samples, each parsed and aggregated, then dropped. */
        private void samples(CodedInputStream in, ProfileAggregator agg) throws IOException, ParseException {
            for (int tag; (tag = nextTag(in)) != 0; fieldsRead++) {
                if (field == SAMPLE) {
                    agg.add(in.readMessage(Sample.parser(), NO_EXTENSIONS), fieldOffset);
                } else if (!in.skipField(tag)) {
                    throw malformed(fieldOffset, "unexpected end-group tag");
                }
            }
        }

        /** A string-table entry, checked. */
        String str(long index, long offset, String what) throws ParseException {
            if (index < 0 || index >= strings.size()) {
                throw malformed(offset, what + " is string index " + index + ", out of range (the string table has "
                        + strings.size() + " entries)");
            }
            return strings.get((int) index);
        }

        private ProfileData.Header header(Resolved r) throws ParseException {
            List<SampleType> types = new ArrayList<>();
            for (int i = 0; i < sampleTypeOff.size(); i++) {
                long off = sampleTypeOff.get(i);
                types.add(new SampleType(str(sampleTypeIdx.get(2 * i), off, "sample_type.type"),
                        str(sampleTypeIdx.get(2 * i + 1), off, "sample_type.unit")));
            }
            SampleType periodType = periodTypeType < 0 ? null
                    : new SampleType(str(periodTypeType, periodTypeOff, "period_type.type"),
                    str(periodTypeUnit, periodTypeOff, "period_type.unit"));
            List<String> commentText = new ArrayList<>();
            for (int i = 0; i < comments.size(); i++) {
                commentText.add(str(comments.get(i), scalarOff[COMMENT], "comment"));
            }
            String mainBinary = mapId.size() == 0 ? "" : str(mapFile.get(0), mapOff.get(0), "mapping.filename");
            String mainBuildId = mapId.size() == 0 ? "" : str(mapBuildId.get(0), mapOff.get(0), "mapping.build_id");
            return new ProfileData.Header(types,
                    str(defaultSampleType, scalarOff[DEFAULT_SAMPLE_TYPE], "default_sample_type"),
                    periodType, period, timeNanos, durationNanos,
                    str(dropFrames, scalarOff[DROP_FRAMES], "drop_frames"),
                    str(keepFrames, scalarOff[KEEP_FRAMES], "keep_frames"), commentText,
                    str(docUrl, scalarOff[DOC_URL], "doc_url"), mainBinary, mainBuildId, gzip);
        }

        /** Resolve + validate the tables of pass 1 into the dense arrays the aggregator walks. */
        private Resolved resolve() throws ParseException {
            if (fieldsRead == 0) {
                throw new ParseException(ParseException.Kind.UNRECOGNIZED, at(0),
                        "not a pprof profile: empty input", null);
            }
            if (strings.isEmpty()) {
                throw malformed(0, "missing string_table");
            }
            if (!strings.get(0).isEmpty()) {
                throw ParseException.malformed(at(stringTableOffset), "string_table[0] must be \"\"", strings.get(0));
            }
            if (sampleTypeOff.size() == 0) {
                throw malformed(0, "no sample_type: the profile declares no values");
            }
            for (int i = 0; i < sampleTypeOff.size(); i++) {
                long off = sampleTypeOff.get(i);
                str(sampleTypeIdx.get(2 * i), off, "sample_type.type");
                str(sampleTypeIdx.get(2 * i + 1), off, "sample_type.unit");
            }
            // mappings
            LongIntMap mappings = new LongIntMap(mapId.size());
            for (int i = 0; i < mapId.size(); i++) {
                long id = mapId.get(i);
                if (id == 0) {
                    throw malformed(mapOff.get(i), "mapping has id 0 (ids must be nonzero)");
                }
                int prev = mappings.put(id, i);
                if (prev >= 0) {
                    throw malformed(mapOff.get(i), "duplicate mapping id " + id + " (first at @" + mapOff.get(prev) + ")");
                }
                str(mapFile.get(i), mapOff.get(i), "mapping " + id + " filename");
                str(mapBuildId.get(i), mapOff.get(i), "mapping " + id + " build_id");
            }
            // functions: one key per distinct name, as pprof's function granularity
            Map<String, Integer> keyOfName = new HashMap<>();
            List<String> names = new ArrayList<>();
            LongIntMap functions = new LongIntMap(fnId.size());
            int[] fnKey = new int[fnId.size()];
            String[] fnFileName = new String[fnId.size()];
            for (int i = 0; i < fnId.size(); i++) {
                long id = fnId.get(i);
                long off = fnOff.get(i);
                if (id == 0) {
                    throw malformed(off, "function has id 0 (ids must be nonzero)");
                }
                int prev = functions.put(id, i);
                if (prev >= 0) {
                    throw malformed(off, "duplicate function id " + id + " (first at @" + fnOff.get(prev) + ")");
                }
                String name = str(fnName.get(i), off, "function " + id + " name");
                str(fnSystemName.get(i), off, "function " + id + " system_name");
                fnFileName[i] = files.normalize(str(fnFile.get(i), off, "function " + id + " filename"));
                fnKey[i] = name.isEmpty() ? -1 : keyOfName.computeIfAbsent(name, n -> {
                    names.add(n);
                    return names.size() - 1;
                });
            }
            // locations
            int nLoc = locId.size();
            LongIntMap locations = new LongIntMap(nLoc);
            int[] frameStart = new int[nLoc + 1];
            int nFrames = 0;
            for (int i = 0; i < nLoc; i++) {
                int lines = lineEnd(i) - (int) locLineStart.get(i);
                nFrames += Math.max(1, lines);
            }
            int[] frameFn = new int[nFrames];
            int[] frameLine = new int[nFrames];
            int[] locMask = new int[nLoc];
            Map<LineKey, Integer> keyOfLine = new HashMap<>();
            List<LineKey> lineKeys = new ArrayList<>();
            int f = 0;
            for (int i = 0; i < nLoc; i++) {
                long id = locId.get(i);
                long off = locOff.get(i);
                if (id == 0) {
                    throw malformed(off, "location has id 0 (ids must be nonzero)");
                }
                int prev = locations.put(id, i);
                if (prev >= 0) {
                    throw malformed(off, "duplicate location id " + id + " (first at @" + locOff.get(prev) + ")");
                }
                long mid = locMapping.get(i);
                int mapping = mappings.get(mid);
                if (mid != 0 && mapping < 0) {
                    throw malformed(off, "location " + id + " references mapping id " + mid
                            + ", which the profile does not define");
                }
                frameStart[i] = f;
                int start = (int) locLineStart.get(i);
                int end = lineEnd(i);
                if (start == end) {
                    frameFn[f] = pseudo(mapping, keyOfName, names);
                    frameLine[f] = -1;
                    f++;
                }
                for (int j = start; j < end; j++) {
                    long fid = lineFnId.get(j);
                    int fi = functions.get(fid);
                    if (fid != 0 && fi < 0) {
                        throw malformed(off, "location " + id + " line " + (j - start) + " references function id "
                                + fid + ", which the profile does not define");
                    }
                    int key = fi < 0 ? -1 : fnKey[fi];
                    if (key < 0) {
                        frameFn[f] = pseudo(mapping, keyOfName, names);
                        frameLine[f] = -1;
                    } else {
                        frameFn[f] = key;
                        LineKey lk = new LineKey(key, fnFileName[fi], lineNo.get(j));
                        Integer idx = keyOfLine.get(lk);
                        if (idx == null) {
                            idx = lineKeys.size();
                            keyOfLine.put(lk, idx);
                            lineKeys.add(lk);
                        }
                        frameLine[f] = idx;
                    }
                    f++;
                }
            }
            frameStart[nLoc] = f;
            int[] fnMask = new int[names.size()];
            for (int i = 0; i < fnMask.length; i++) {
                fnMask[i] = RuntimeFunctions.bucketMask(names.get(i));
            }
            for (int i = 0; i < nLoc; i++) {
                for (int j = frameStart[i]; j < frameStart[i + 1]; j++) {
                    locMask[i] |= fnMask[frameFn[j]];
                }
            }
            return new Resolved(sampleTypeOff.size(), locations, frameStart, frameFn, frameLine, locMask,
                    names.toArray(new String[0]), lineKeys);
        }

        private int lineEnd(int loc) {
            return loc + 1 < locLineStart.size() ? (int) locLineStart.get(loc + 1) : lineFnId.size();
        }

        /** The node pprof makes of a frame without a function name: {@code [binary]} or {@code <unknown>}. */
        private int pseudo(int mapping, Map<String, Integer> keyOfName, List<String> names) {
            String file = mapping < 0 ? "" : strings.get((int) mapFile.get(mapping));
            String base = file.substring(file.lastIndexOf('/') + 1);
            String name = base.isEmpty() ? "<unknown>" : "[" + base + "]";
            return keyOfName.computeIfAbsent(name, n -> {
                names.add(n);
                return names.size() - 1;
            });
        }
    }

    record LineKey(int fn, String file, long line) {
    }

    /** The resolved tables: locations as runs of frames (innermost first), each a function and a line key. */
    record Resolved(int types, LongIntMap locations, int[] frameStart, int[] frameFn, int[] frameLine, int[] locMask,
                    String[] names, List<LineKey> lines) {
    }

}
