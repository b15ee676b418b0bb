package dev.perfwarden.facts.profile;

import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.profile.ProfileReader.LineKey;
import dev.perfwarden.facts.profile.ProfileReader.Resolved;
import dev.perfwarden.facts.runtime.RuntimeFunctions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The resolve and validate stages of {@link ProfileReader} (pprof's decode → resolve → validate): turns the
 * raw {@link ProfileTables} of the wire decoding into the dense arrays the aggregator walks (string indices
 * to strings, function, location and mapping ids to indices, functions merged by name as pprof does), and
 * checks every cross-reference on the way, each error at the byte offset of the element that is wrong.
 */
final class ProfileResolver {
    static ProfileData.Header header(ProfileTables t) throws ParseException {
        List<SampleType> types = new ArrayList<>();
        for (int i = 0; i < t.sampleTypeOff.size(); i++) {
            long off = t.sampleTypeOff.get(i);
            types.add(new SampleType(t.str(t.sampleTypeIdx.get(2 * i), off, "sample_type.type"),
                    t.str(t.sampleTypeIdx.get(2 * i + 1), off, "sample_type.unit")));
        }
        SampleType periodType = t.periodTypeType < 0 ? null
                : new SampleType(t.str(t.periodTypeType, t.periodTypeOff, "period_type.type"),
                t.str(t.periodTypeUnit, t.periodTypeOff, "period_type.unit"));
        List<String> commentText = new ArrayList<>();
        for (int i = 0; i < t.comments.size(); i++) {
            commentText.add(t.str(t.comments.get(i), t.scalarOff[ProfileReader.COMMENT], "comment"));
        }
        String mainBinary = t.mapId.size() == 0 ? "" : t.str(t.mapFile.get(0), t.mapOff.get(0), "mapping.filename");
        String mainBuildId = t.mapId.size() == 0 ? "" : t.str(t.mapBuildId.get(0), t.mapOff.get(0), "mapping.build_id");
        return new ProfileData.Header(types,
                t.str(t.defaultSampleType, t.scalarOff[ProfileReader.DEFAULT_SAMPLE_TYPE], "default_sample_type"),
                periodType, t.period, t.timeNanos, t.durationNanos,
                t.str(t.dropFrames, t.scalarOff[ProfileReader.DROP_FRAMES], "drop_frames"),
                t.str(t.keepFrames, t.scalarOff[ProfileReader.KEEP_FRAMES], "keep_frames"), commentText,
                t.str(t.docUrl, t.scalarOff[ProfileReader.DOC_URL], "doc_url"), mainBinary, mainBuildId, t.gzip());
    }

    /** Resolve + validate the tables of pass 1 into the dense arrays the aggregator walks. */
    static Resolved resolve(ProfileTables t, FileNormalizer files) throws ParseException {
        checkStringsAndTypes(t);
        return new ProfileResolver(t, files).locations();
    }

    private final ProfileTables t;
    /** Function names, one key per distinct name (pprof's function granularity), with their pseudo-nodes. */
    private final Map<String, Integer> keyOfName = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final LongIntMap mappings;
    private final LongIntMap functions;
    /** Per function (index in the table): its name's key (-1 for no name) and its normalized file. */
    private final int[] fnKey;
    private final String[] fnFileName;

    private ProfileResolver(ProfileTables t, FileNormalizer files) throws ParseException {
        this.t = t;
        this.mappings = mappings(t);
        this.functions = new LongIntMap(t.fnId.size());
        this.fnKey = new int[t.fnId.size()];
        this.fnFileName = new String[t.fnId.size()];
        functions(files);
    }

    private static void checkStringsAndTypes(ProfileTables t) throws ParseException {
        if (t.fieldsRead == 0) {
            throw new ParseException(ParseException.Kind.UNRECOGNIZED, t.at(0),
                    "not a pprof profile: empty input", null);
        }
        if (t.strings.isEmpty()) {
            throw t.malformed(0, "missing string_table");
        }
        if (!t.strings.get(0).isEmpty()) {
            throw ParseException.malformed(t.at(t.stringTableOffset), "string_table[0] must be \"\"", t.strings.get(0));
        }
        if (t.sampleTypeOff.size() == 0) {
            throw t.malformed(0, "no sample_type: the profile declares no values");
        }
        for (int i = 0; i < t.sampleTypeOff.size(); i++) {
            long off = t.sampleTypeOff.get(i);
            t.str(t.sampleTypeIdx.get(2 * i), off, "sample_type.type");
            t.str(t.sampleTypeIdx.get(2 * i + 1), off, "sample_type.unit");
        }
    }

    /** Mapping id → index, each id nonzero and once, its strings in range. */
    private static LongIntMap mappings(ProfileTables t) throws ParseException {
        LongIntMap mappings = new LongIntMap(t.mapId.size());
        for (int i = 0; i < t.mapId.size(); i++) {
            long id = t.mapId.get(i);
            if (id == 0) {
                throw t.malformed(t.mapOff.get(i), "mapping has id 0 (ids must be nonzero)");
            }
            int prev = mappings.put(id, i);
            if (prev >= 0) {
                throw t.malformed(t.mapOff.get(i), "duplicate mapping id " + id + " (first at @" + t.mapOff.get(prev) + ")");
            }
            t.str(t.mapFile.get(i), t.mapOff.get(i), "mapping " + id + " filename");
            t.str(t.mapBuildId.get(i), t.mapOff.get(i), "mapping " + id + " build_id");
        }
        return mappings;
    }

    /** Function id → index, each id nonzero and once; names to keys, files normalized. */
    private void functions(FileNormalizer files) throws ParseException {
        for (int i = 0; i < t.fnId.size(); i++) {
            long id = t.fnId.get(i);
            long off = t.fnOff.get(i);
            if (id == 0) {
                throw t.malformed(off, "function has id 0 (ids must be nonzero)");
            }
            int prev = functions.put(id, i);
            if (prev >= 0) {
                throw t.malformed(off, "duplicate function id " + id + " (first at @" + t.fnOff.get(prev) + ")");
            }
            String name = t.str(t.fnName.get(i), off, "function " + id + " name");
            t.str(t.fnSystemName.get(i), off, "function " + id + " system_name");
            fnFileName[i] = files.normalize(t.str(t.fnFile.get(i), off, "function " + id + " filename"));
            fnKey[i] = name.isEmpty() ? -1 : key(name);
        }
    }

    private int key(String name) {
        return keyOfName.computeIfAbsent(name, n -> {
            names.add(n);
            return names.size() - 1;
        });
    }

    /** The locations as runs of frames, innermost first: each frame a function key and a line key. */
    private Resolved locations() throws ParseException {
        int nLoc = t.locId.size();
        LongIntMap locations = new LongIntMap(nLoc);
        int[] frameStart = new int[nLoc + 1];
        int nFrames = 0;
        for (int i = 0; i < nLoc; i++) {
            nFrames += Math.max(1, lineEnd(t, i) - (int) t.locLineStart.get(i));
        }
        int[] frameFn = new int[nFrames];
        int[] frameLine = new int[nFrames];
        Map<LineKey, Integer> keyOfLine = new HashMap<>();
        List<LineKey> lineKeys = new ArrayList<>();
        int f = 0;
        for (int i = 0; i < nLoc; i++) {
            long id = t.locId.get(i);
            long off = t.locOff.get(i);
            int mapping = checkLocation(locations, i, id, off);
            frameStart[i] = f;
            int start = (int) t.locLineStart.get(i);
            int end = lineEnd(t, i);
            if (start == end) {
                frameFn[f] = pseudo(mapping);
                frameLine[f++] = -1;
            }
            for (int j = start; j < end; j++, f++) {
                long fid = t.lineFnId.get(j);
                int fi = functions.get(fid);
                if (fid != 0 && fi < 0) {
                    throw t.malformed(off, "location " + id + " line " + (j - start) + " references function id "
                            + fid + ", which the profile does not define");
                }
                int key = fi < 0 ? -1 : fnKey[fi];
                frameFn[f] = key < 0 ? pseudo(mapping) : key;
                frameLine[f] = key < 0 ? -1 : keyOfLine.computeIfAbsent(new LineKey(key, fnFileName[fi], t.lineNo.get(j)),
                        lk -> {
                            lineKeys.add(lk);
                            return lineKeys.size() - 1;
                        });
            }
        }
        frameStart[nLoc] = f;
        return new Resolved(t.sampleTypeOff.size(), locations, frameStart, frameFn, frameLine,
                masks(frameStart, frameFn), names.toArray(new String[0]), lineKeys);
    }

    /** Location id → index, each id nonzero and once; returns its mapping's index (-1 for none). */
    private int checkLocation(LongIntMap locations, int i, long id, long off) throws ParseException {
        if (id == 0) {
            throw t.malformed(off, "location has id 0 (ids must be nonzero)");
        }
        int prev = locations.put(id, i);
        if (prev >= 0) {
            throw t.malformed(off, "duplicate location id " + id + " (first at @" + t.locOff.get(prev) + ")");
        }
        long mid = t.locMapping.get(i);
        int mapping = mappings.get(mid);
        if (mid != 0 && mapping < 0) {
            throw t.malformed(off, "location " + id + " references mapping id " + mid
                    + ", which the profile does not define");
        }
        return mapping;
    }

    /** Per location, the runtime buckets ({@link RuntimeFunctions#bucketMask}) of its frames' functions. */
    private int[] masks(int[] frameStart, int[] frameFn) {
        int[] fnMask = new int[names.size()];
        for (int i = 0; i < fnMask.length; i++) {
            fnMask[i] = RuntimeFunctions.bucketMask(names.get(i));
        }
        int[] locMask = new int[frameStart.length - 1];
        for (int i = 0; i < locMask.length; i++) {
            for (int j = frameStart[i]; j < frameStart[i + 1]; j++) {
                locMask[i] |= fnMask[frameFn[j]];
            }
        }
        return locMask;
    }

    private static int lineEnd(ProfileTables t, int loc) {
        return loc + 1 < t.locLineStart.size() ? (int) t.locLineStart.get(loc + 1) : t.lineFnId.size();
    }

    /** The node pprof makes of a frame without a function name: {@code [binary]} or {@code <unknown>}. */
    private int pseudo(int mapping) {
        String file = mapping < 0 ? "" : t.strings.get((int) t.mapFile.get(mapping));
        String base = file.substring(file.lastIndexOf('/') + 1);
        return key(base.isEmpty() ? "<unknown>" : "[" + base + "]");
    }
}
