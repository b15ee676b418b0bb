package dev.perfwarden.facts.profile;

import com.google.perftools.profiles.ProfileProto.Function;
import com.google.perftools.profiles.ProfileProto.Line;
import com.google.perftools.profiles.ProfileProto.Location;
import com.google.perftools.profiles.ProfileProto.Mapping;
import com.google.perftools.profiles.ProfileProto.Sample;
import com.google.perftools.profiles.ProfileProto.ValueType;
import com.google.protobuf.CodedOutputStream;
import dev.perfwarden.facts.core.InputPos;
import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.parse.BoundedLineReader;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the legacy text heap profile that {@code go tool pprof} also reads: what
 * {@code /debug/pprof/heap?debug=1} (and {@code allocs?debug=1}) and the compiler's
 * {@code -memprofile} write. Grammar (Go's {@code runtime/pprof} writer, pprof's legacy parser):
 *
 * <pre>
 * heap profile: INUSE_N: INUSE_B [ALLOC_N: ALLOC_B] @ heap/2*RATE     (also heap_v2/RATE, heapprofile)
 * INUSE_N: INUSE_B [ALLOC_N: ALLOC_B] @ 0xADDR 0xADDR ...              one sample, leaf first
 * #	0xPC	pkg.fn+0xOFF	/path/file.go:LINE                        its frames (inlined ones share a PC)
 * # runtime.MemStats ...                                               comments: ignored
 * </pre>
 *
 * <p>Values are unsampled as pprof does ({@code v2}: divided by {@code 1-exp(-avg/RATE)}); the
 * sample types are {@code alloc_objects, alloc_space, inuse_objects, inuse_space} when the header
 * has allocation totals, else {@code objects, space}. Frames are named from the {@code #} lines
 * (pprof needs the binary for that), one per address as pprof names them from the binary: the
 * physical function holding it (Go prints inlined callees as frames of their own, with the entry of
 * the function they were inlined into), at the line Go printed for the address. Go hides the leading runtime frames and {@code runtime.goexit}
 * there, so a frame without a {@code #} line before the first named one is a runtime frame
 * (dropped as pprof's legacy {@code runtime\..*} drop-frames rule drops it), one after the last
 * named one is {@code runtime.goexit}, and a stack with no {@code #} line at all (runtime-internal
 * allocations) keeps its addresses as names ({@code 0x46f877}). pprof's prune is applied.
 *
 * <p><b>Memory.</b> The text is streamed once; samples go straight into a profile.proto temporary
 * file that {@link ProfileReader} then reads with its bounded-memory passes, so memory grows with
 * the distinct stack addresses and functions, not with the samples.
 */
final class LegacyHeapProfile {
    private static final Pattern HEADER = Pattern.compile(
            "heap profile: *(\\d+): *(\\d+) *\\[ *(\\d+): *(\\d+) *\\] *@ *(heap[_a-z0-9]*)/?(\\d*)");
    private static final Pattern SAMPLE = Pattern.compile(
            "(-?\\d+): *(-?\\d+) *\\[ *(\\d+): *(\\d+) *] @([ x0-9a-f]*)");
    private static final Pattern FRAME = Pattern.compile(
            "#\\s+0x([0-9a-f]+)(?:\\s+(\\S+?)(?:\\+0x([0-9a-f]+))?\\s+(.*?):(\\d+))?\\s*");
    /** pprof's legacy heap drop rule for Go, and its keep exception. */
    private static final Pattern DROP = Pattern.compile("runtime\\..*");
    private static final Pattern KEEP = Pattern.compile("runtime\\.panic");
    /** Most addresses in one sample (Go records at most 128; pprof has no limit). */
    static final int MAX_FRAMES = 1 << 20;

    private LegacyHeapProfile() {
    }

    /** Whether {@code head} (text) starts, after blank and {@code #} lines, with a legacy heap header. */
    static boolean sniff(String head) {
        for (String line : head.split("\n", 64)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            return t.startsWith("heap profile:") && HEADER.matcher(t).find();
        }
        return false;
    }

    /** Whether the file at {@code path} starts like a legacy heap profile. */
    static boolean is(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(4096);
            return head.length > 0 && head[0] != 0x1f && sniff(new String(head, StandardCharsets.UTF_8));
        }
    }

    /** Reads the legacy profile at {@code path} with {@code reader} (its file normaliser and limits). */
    static ProfileData read(Path path, String display, ProfileReader reader) throws IOException, ParseException {
        Path tmp = Files.createTempFile("perfwarden-legacy", ".pb");
        try {
            try (InputStream in = Files.newInputStream(path); BoundedLineReader lines = new BoundedLineReader(in);
                 OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                new Converter(display).convert(lines, CodedOutputStream.newInstance(out, 1 << 16));
            }
            return reader.read(tmp, display);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** One frame of a {@code #} line. */
    private record Frame(String function, String file, long line) {
    }

    /** One distinct (adjusted) stack address: its proto id and, once known, its frames (innermost first). */
    private static final class Loc {
        final long id;
        final long address;
        List<Frame> frames;
        boolean trailing;

        Loc(long id, long address) {
            this.id = id;
            this.address = address;
        }
    }

    private static final class Converter {
        private final String display;
        private final Map<Long, Loc> locs = new HashMap<>();
        private final List<Loc> locOrder = new ArrayList<>();
        private final Map<String, Integer> strings = new HashMap<>();
        private final List<String> stringList = new ArrayList<>();
        private boolean hasAlloc;
        private boolean v2;
        private long rate;
        private long period;

        Converter(String display) {
            this.display = display;
            str("");
        }

        private long str(String s) {
            Integer i = strings.get(s);
            if (i == null) {
                i = stringList.size();
                strings.put(s, i);
                stringList.add(s);
            }
            return i;
        }

        private ParseException malformed(long line, String problem, String text) {
            return ParseException.malformed(InputPos.line(display, line), problem, text);
        }

        void convert(BoundedLineReader in, CodedOutputStream out) throws IOException, ParseException {
            String line = next(in);
            if (line == null) {
                throw malformed(1, "empty legacy heap profile", null);
            }
            header(in.lineNumber(), line);
            str("space");
            str("bytes");
            str("runtime.goexit");
            String[] types = hasAlloc ? new String[] {"alloc_objects", "count", "alloc_space", "bytes",
                "inuse_objects", "count", "inuse_space", "bytes"} : new String[] {"objects", "count", "space", "bytes"};
            for (int i = 0; i < types.length; i += 2) {
                out.writeMessage(ProfileReader.SAMPLE_TYPE, ValueType.newBuilder().setType(str(types[i]))
                        .setUnit(str(types[i + 1])).build());
            }
            // a sample line, then its '#' frame lines; anything else that is not a comment is an error
            long sampleLine = 0;
            String sample = null;
            List<String> frameLines = new ArrayList<>();
            while (true) {
                String raw;
                try {
                    raw = in.readLine();
                } catch (BoundedLineReader.LineTooLongException e) {
                    throw malformed(e.lineNumber(), "line longer than " + BoundedLineReader.MAX_LINE
                            + " bytes in a legacy heap profile", e.head());
                }
                String t = raw == null ? null : raw.strip();
                if (t != null && t.startsWith("#") && sample != null) {
                    if (FRAME.matcher(t).matches()) {
                        frameLines.add(t);
                        continue;
                    }
                }
                if (sample != null && (t == null || t.isEmpty() || !t.startsWith("#"))) {
                    emit(sampleLine, sample, frameLines, out);
                    sample = null;
                    frameLines.clear();
                }
                if (t == null) {
                    break;
                }
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                if (t.contains("--- Memory map: ---") || t.contains("MAPPED_LIBRARIES:")) {
                    break; // the memory map section ends the samples; Go writes none
                }
                sample = t;
                sampleLine = in.lineNumber();
            }
            finish(out);
        }

        private String next(BoundedLineReader in) throws IOException {
            String l;
            while ((l = in.readLine()) != null) {
                String t = l.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    return t;
                }
            }
            return null;
        }

        private void header(long n, String line) throws ParseException {
            Matcher m = HEADER.matcher(line);
            if (!line.startsWith("heap profile:") || !m.find()) {
                throw malformed(n, "not a legacy heap profile header (expected 'heap profile: N: B [N: B] @ heap/RATE')",
                        line);
            }
            long p = 0;
            if (!m.group(6).isEmpty()) {
                p = parse(n, m.group(6), line);
            }
            hasAlloc = (!m.group(3).equals(m.group(1)) && !m.group(3).equals("0"))
                    || (!m.group(4).equals(m.group(2)) && !m.group(4).equals("0"));
            switch (m.group(5)) {
                case "heapz_v2", "heap_v2" -> {
                    v2 = true;
                    rate = p;
                }
                case "heapprofile" -> {
                    v2 = false;
                    rate = 1;
                }
                case "heap" -> {
                    v2 = true;
                    rate = p / 2;
                }
                default -> throw malformed(n, "unknown heap profile sampling '" + m.group(5) + "'", line);
            }
            period = rate;
        }

        private long parse(long n, String digits, String line) throws ParseException {
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw malformed(n, "number out of range: " + digits, line);
            }
        }

        private void emit(long n, String line, List<String> frameLines, CodedOutputStream out)
                throws IOException, ParseException {
            Matcher m = SAMPLE.matcher(line);
            if (!m.find()) {
                throw malformed(n, "not a heap profile sample (expected 'N: B [N: B] @ 0x... 0x...')", line);
            }
            Sample.Builder s = Sample.newBuilder();
            if (hasAlloc) {
                values(n, line, m.group(3), m.group(4), "allocation", s);
            }
            values(n, line, m.group(1), m.group(2), "inuse", s);
            long[] raw = addresses(n, line, m.group(5));
            Map<Long, List<Frame>> byPc = framesByPc(frameLines);
            int first = -1;
            int last = -1;
            for (int i = 0; i < raw.length; i++) {
                if (byPc.containsKey(raw[i] - 1)) {
                    first = first < 0 ? i : first;
                    last = i;
                }
            }
            Loc[] stack = new Loc[raw.length];
            boolean[] drop = new boolean[raw.length];
            for (int i = 0; i < raw.length; i++) {
                Loc l = loc(i > 0 ? raw[i] - 1 : raw[i]);
                List<Frame> fs = byPc.get(raw[i] - 1);
                if (fs != null && l.frames == null) {
                    l.frames = fs;
                }
                stack[i] = l;
                if (l.frames != null) {
                    drop[i] = dropped(l.frames);
                } else if (first >= 0 && i > last) {
                    l.trailing = true;
                    drop[i] = true; // runtime.goexit
                } else {
                    drop[i] = true; // a runtime frame Go did not print
                }
            }
            for (int i = keptFrom(stack, drop); i < stack.length; i++) {
                s.addLocationId(stack[i].id);
            }
            out.writeMessage(ProfileReader.SAMPLE, s.build());
        }

        /** The sample's addresses, leaf first; all but the leaf point after a call: minus one lands on it (pprof). */
        private long[] addresses(long n, String line, String group) throws ParseException {
            String[] hex = group.trim().isEmpty() ? new String[0] : group.trim().split(" +");
            if (hex.length > MAX_FRAMES) {
                throw malformed(n, "sample has " + hex.length + " frames (at most " + MAX_FRAMES + ")", null);
            }
            long[] raw = new long[hex.length];
            for (int i = 0; i < hex.length; i++) {
                String h = hex[i];
                if (!h.startsWith("0x") || h.length() < 3 || h.length() > 18) {
                    throw malformed(n, "not a hexadecimal address: '" + h + "'", line);
                }
                try {
                    raw[i] = Long.parseUnsignedLong(h.substring(2), 16);
                } catch (NumberFormatException e) {
                    throw malformed(n, "not a hexadecimal address: '" + h + "'", line);
                }
            }
            return raw;
        }

        /**
         * The frames of this sample's {@code #} lines, by PC (the PC Go prints is the address minus one for every
         * frame). pprof names an address from the binary: the physical function holding it. Go prints inlined
         * callees as frames of their own (with the caller's entry: PC - offset), so each frame takes the name of
         * the outermost frame of its run of equal entries.
         */
        private static Map<Long, List<Frame>> framesByPc(List<String> frameLines) {
            List<long[]> pcs = new ArrayList<>(); // {pc, entry}
            List<Frame> own = new ArrayList<>();
            for (String f : frameLines) {
                Matcher fm = FRAME.matcher(f);
                if (!fm.matches() || fm.group(2) == null) {
                    continue; // '#\t0xPC' alone: Go could not name it
                }
                long pc;
                long off;
                try {
                    pc = Long.parseUnsignedLong(fm.group(1), 16);
                    off = fm.group(3) == null ? -1 : Long.parseUnsignedLong(fm.group(3), 16);
                } catch (NumberFormatException e) {
                    continue;
                }
                long lineNo = fm.group(5).length() > 9 ? 0 : Long.parseLong(fm.group(5));
                pcs.add(new long[] {pc, off < 0 ? pc : pc - off});
                own.add(new Frame(fm.group(2), fm.group(4), lineNo));
            }
            Map<Long, List<Frame>> byPc = new HashMap<>();
            for (int i = 0; i < pcs.size(); i++) {
                int j = i;
                while (j + 1 < pcs.size() && pcs.get(j + 1)[1] == pcs.get(i)[1]) {
                    j++;
                }
                String physical = own.get(j).function();
                for (int x = i; x <= j; x++) {
                    byPc.put(pcs.get(x)[0], List.of(new Frame(physical, own.get(x).file(), own.get(x).line())));
                }
                i = j;
            }
            return byPc;
        }

        /** The location of an (adjusted) address, made on first sight. */
        private Loc loc(long addr) {
            Loc l = locs.get(addr);
            if (l == null) {
                l = new Loc(locOrder.size() + 1L, addr);
                locs.put(addr, l);
                locOrder.add(l);
            }
            return l;
        }

        /** pprof's prune: from the root, after the first kept frame, cut at the first dropped one; the first index kept. */
        private static int keptFrom(Loc[] stack, boolean[] drop) {
            int keep = stack.length;
            boolean foundUser = false;
            for (int i = stack.length - 1; i >= 0; i--) {
                if (!drop[i] && !pruneBeneath(stack[i])) {
                    foundUser = true;
                    continue;
                }
                if (!foundUser) {
                    continue;
                }
                keep = drop[i] ? i + 1 : i;
                break;
            }
            return keep == stack.length ? 0 : keep;
        }

        /** Whether the location's outermost frame is one pprof's rule drops. */
        private static boolean dropped(List<Frame> innermostFirst) {
            return matches(innermostFirst.get(innermostFirst.size() - 1).function());
        }

        /** Whether some inner (not outermost) frame is dropped: pprof keeps the location and cuts beneath it. */
        private static boolean pruneBeneath(Loc l) {
            if (l.frames == null) {
                return false;
            }
            for (int i = l.frames.size() - 2; i >= 0; i--) {
                if (matches(l.frames.get(i).function())) {
                    return true;
                }
            }
            return false;
        }

        private static boolean matches(String function) {
            String f = function.startsWith(".") ? function.substring(1) : function;
            int paren = f.indexOf('(');
            if (paren > 0) {
                f = f.substring(0, paren);
            }
            return DROP.matcher(f).matches() && !KEEP.matcher(f).matches();
        }

        private void values(long n, String line, String countText, String sizeText, String label, Sample.Builder s)
                throws ParseException {
            long count = parse(n, countText, line);
            long size = parse(n, sizeText, line);
            if (count == 0 && size != 0) {
                throw malformed(n, label + " count is 0 but " + label + " bytes is " + size, line);
            }
            if (count != 0 && v2) {
                if (size == 0) {
                    count = 0;
                } else if (rate > 1) {
                    double avg = (double) size / (double) count;
                    double scale = 1 / (1 - StrictMath.exp(-avg / (double) rate));
                    count = (long) ((double) count * scale);
                    size = (long) ((double) size * scale);
                }
            }
            s.addValue(count).addValue(size);
        }

        private void finish(CodedOutputStream out) throws IOException {
            out.writeMessage(ProfileReader.MAPPING, Mapping.newBuilder().setId(1).setMemoryLimit(-1L)
                    .setHasFunctions(true).setHasFilenames(true).setHasLineNumbers(true).build());
            Map<String, Long> fnIds = new HashMap<>();
            List<Function> fns = new ArrayList<>();
            for (Loc l : locOrder) {
                List<Frame> frames = l.frames;
                if (frames == null) {
                    frames = List.of(new Frame(l.trailing ? "runtime.goexit" : String.format("0x%x", l.address), "", 0));
                } else {
                    // pprof keeps only the frames outside the outermost dropped inner one
                    for (int i = frames.size() - 2; i >= 0; i--) {
                        if (matches(frames.get(i).function())) {
                            frames = frames.subList(i + 1, frames.size());
                            break;
                        }
                    }
                }
                Location.Builder b = Location.newBuilder().setId(l.id).setMappingId(1).setAddress(l.address);
                for (Frame f : frames) {
                    Long id = fnIds.get(f.function() + '\u0000' + f.file());
                    if (id == null) {
                        id = fns.size() + 1L;
                        fnIds.put(f.function() + '\u0000' + f.file(), id);
                        fns.add(Function.newBuilder().setId(id).setName(str(f.function()))
                                .setSystemName(str(f.function())).setFilename(str(f.file())).build());
                    }
                    b.addLine(Line.newBuilder().setFunctionId(id).setLine(f.line()));
                }
                out.writeMessage(ProfileReader.LOCATION, b.build());
            }
            for (Function f : fns) {
                out.writeMessage(ProfileReader.FUNCTION, f);
            }
            for (String s : stringList) {
                out.writeString(ProfileReader.STRING_TABLE, s);
            }
            out.writeMessage(ProfileReader.PERIOD_TYPE, ValueType.newBuilder().setType(str("space"))
                    .setUnit(str("bytes")).build());
            out.writeInt64(ProfileReader.PERIOD, period);
            out.flush();
        }
    }
}
