package dev.perfwarden.facts.profile;

import dev.perfwarden.facts.runtime.RuntimeFunctions;
import com.google.perftools.profiles.ProfileProto.Function;
import com.google.perftools.profiles.ProfileProto.Label;
import com.google.perftools.profiles.ProfileProto.Line;
import com.google.perftools.profiles.ProfileProto.Location;
import com.google.perftools.profiles.ProfileProto.Profile;
import com.google.perftools.profiles.ProfileProto.Sample;
import com.google.protobuf.CodedOutputStream;
import dev.perfwarden.facts.core.ParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import static dev.perfwarden.facts.profile.TestProfiles.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ProfileReaderTest {
    static final Path GO126_CPU = Repo.resolve("facts/src/test/resources/pprof/go1.26.8/prof/cpu.pprof");
    static final Path GO126_MEM = Repo.resolve("facts/src/test/resources/pprof/go1.26.8/prof/mem.pprof");
    static final Path GO119_CPU = Repo.resolve("testdata/corpus/go1.19/t3/cpu.pprof");

    @TempDir
    Path tmp;

    // ---- gzip and plain ------------------------------------------------------------------------

    @Test
    void plainCopyWrittenByTheGeneratedClassesReadsTheSameAsTheGzippedOriginal() throws Exception {
        for (Path gz : new Path[] {GO126_CPU, GO126_MEM, GO119_CPU}) {
            byte[] raw;
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(gz)))) {
                raw = in.readAllBytes();
            }
            Path plain = tmp.resolve(gz.getFileName() + ".pb");
            Files.write(plain, Profile.parseFrom(raw).toByteArray());
            assertThat(Files.readAllBytes(plain)[0] & 0xff).isNotEqualTo(0x1f);

            ProfileData a = new ProfileReader().read(gz);
            ProfileData b = new ProfileReader().read(plain);
            assertThat(a.header().gzipped()).isTrue();
            assertThat(b.header().gzipped()).isFalse();
            assertSameAggregates(a, b);
        }
    }

    @Test
    void streamingTwoPassReadEqualsTheInMemoryRead() throws Exception {
        for (Path gz : new Path[] {GO126_CPU, GO126_MEM}) {
            ProfileData inMemory = new ProfileReader().read(gz);
            ProfileData streamed = new ProfileReader(FileNormalizer.identity(), 0, true).read(gz);
            assertSameAggregates(inMemory, streamed);
            Path plain = tmp.resolve("plain.pb");
            try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
                Files.write(plain, in.readAllBytes());
            }
            assertSameAggregates(inMemory, new ProfileReader(FileNormalizer.identity(), 0, true).read(plain));
        }
    }

    @Test
    void withoutInlineLabelsOnlyTheLabelsAreMissing() throws Exception {
        ProfileData full = new ProfileReader().read(GO126_CPU);
        ProfileData lean = new ProfileReader().withoutInlineLabels().read(GO126_CPU);
        assertThat(lean.functionCount()).isEqualTo(full.functionCount());
        for (int fn = 0; fn < full.functionCount(); fn++) {
            assertThat(lean.cum(fn, 1)).isEqualTo(full.cum(fn, 1));
            assertThat(lean.flat(fn, 1)).isEqualTo(full.flat(fn, 1));
            assertThat(lean.inlineLabel(fn, 1)).isEmpty();
        }
        assertThat(full.inlineLabel(fn(full, "main.sumSquares"), 1)).isEqualTo("(inline)");
    }

    static void assertSameAggregates(ProfileData a, ProfileData b) {
        assertThat(b.sampleTypes()).isEqualTo(a.sampleTypes());
        assertThat(b.header().period()).isEqualTo(a.header().period());
        assertThat(b.header().durationNanos()).isEqualTo(a.header().durationNanos());
        assertThat(b.counts()).isEqualTo(a.counts());
        assertThat(b.functionCount()).isEqualTo(a.functionCount());
        assertThat(b.lineCount()).isEqualTo(a.lineCount());
        for (int t = 0; t < a.sampleTypes().size(); t++) {
            assertThat(b.total(t)).isEqualTo(a.total(t));
            for (RuntimeFunctions.Bucket k : RuntimeFunctions.Bucket.values()) {
                assertThat(b.bucket(k, t)).isEqualTo(a.bucket(k, t));
            }
            for (int fn = 0; fn < a.functionCount(); fn++) {
                assertThat(b.functionName(fn)).isEqualTo(a.functionName(fn));
                assertThat(b.flat(fn, t)).isEqualTo(a.flat(fn, t));
                assertThat(b.cum(fn, t)).isEqualTo(a.cum(fn, t));
                assertThat(b.inlineLabel(fn, t)).isEqualTo(a.inlineLabel(fn, t));
            }
            for (int ln = 0; ln < a.lineCount(); ln++) {
                assertThat(b.lineFile(ln)).isEqualTo(a.lineFile(ln));
                assertThat(b.lineNumber(ln)).isEqualTo(a.lineNumber(ln));
                assertThat(b.lineFlat(ln, t)).isEqualTo(a.lineFlat(ln, t));
                assertThat(b.lineCum(ln, t)).isEqualTo(a.lineCum(ln, t));
            }
        }
    }

    @Test
    void headerOfRealProfiles() throws Exception {
        ProfileData cpu = new ProfileReader().read(GO119_CPU);
        assertThat(cpu.sampleTypes()).containsExactly(new SampleType("samples", "count"),
                new SampleType("cpu", "nanoseconds"));
        assertThat(cpu.header().periodType()).isEqualTo(new SampleType("cpu", "nanoseconds"));
        assertThat(cpu.header().period()).isEqualTo(10_000_000L);
        assertThat(cpu.header().durationNanos()).isGreaterThan(1_000_000_000L);
        assertThat(cpu.header().defaultSampleType()).isEmpty();
        assertThat(cpu.defaultSampleIndex()).isEqualTo(1);
        assertThat(cpu.total(1)).isEqualTo(850_000_000L);
        assertThat(cpu.total(0)).isEqualTo(85L);

        ProfileData mem = new ProfileReader().read(GO126_MEM);
        assertThat(mem.sampleTypes()).extracting(SampleType::type)
                .containsExactly("alloc_objects", "alloc_space", "inuse_objects", "inuse_space");
        assertThat(mem.header().defaultSampleType()).isEqualTo("alloc_space");
        assertThat(mem.defaultSampleIndex()).isEqualTo(1);
        assertThat(mem.header().periodType()).isEqualTo(new SampleType("space", "bytes"));
        assertThat(mem.sampleIndex("inuse_space")).isEqualTo(3);
        assertThat(mem.sampleIndex("0")).isEqualTo(0);
        assertThat(mem.sampleIndex(null)).isEqualTo(1);
        assertThatThrownBy(() -> mem.sampleIndex("cpu")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alloc_objects, alloc_space, inuse_objects, inuse_space");
    }

    @Test
    void labelsOfPprofDoAreTotalled() throws Exception {
        ProfileData cpu = new ProfileReader().read(GO126_CPU);
        assertThat(cpu.labels()).extracting(ProfileData.LabelTotal::key).containsOnly("worker");
        assertThat(cpu.labels()).extracting(ProfileData.LabelTotal::value).contains("w", "ww", "www", "wwww");
        long labelled = cpu.labels().stream().mapToLong(l -> l.values().get(1)).sum();
        assertThat(labelled).isPositive().isLessThanOrEqualTo(cpu.total(1));
    }

    // ---- attribution ---------------------------------------------------------------------------

    @Test
    void recursionCountsCumOncePerSample() throws Exception {
        TestProfiles p = new TestProfiles("samples", "count", "cpu", "nanoseconds");
        long leaf = p.location("main.fib", 5);
        long rec = p.location("main.fib", 7);
        long main = p.location("main.main", 20);
        p.sample(v(1, 10), leaf, rec, rec, rec, main);
        p.sample(v(2, 20), rec, rec, main);
        ProfileData d = new ProfileReader().read(p.gzipped(), "rec.pprof");

        int fib = fn(d, "main.fib");
        int mainFn = fn(d, "main.main");
        assertThat(d.flat(fib, 1)).isEqualTo(30);
        assertThat(d.cum(fib, 1)).isEqualTo(30);
        assertThat(d.cum(mainFn, 1)).isEqualTo(30);
        assertThat(d.flat(mainFn, 1)).isZero();
        assertThat(d.total(1)).isEqualTo(30);
        assertThat(d.lineCum(line(d, "main.fib", 7), 1)).isEqualTo(30);
        assertThat(d.lineFlat(line(d, "main.fib", 7), 1)).isEqualTo(20);
        assertThat(d.lineFlat(line(d, "main.fib", 5), 1)).isEqualTo(10);
        assertThat(d.lineCum(line(d, "main.fib", 5), 1)).isEqualTo(10);
        HotTable t = HotTable.of(d, "cpu", true, 10);
        assertThat(t.rows()).extracting(HotTable.Row::symbol).containsExactly("main.fib", "main.main");
        assertThat(t.rows().get(0).cumShare()).isEqualTo(1.0);
    }

    @Test
    void inlinedFramesGiveFlatToTheInnermostAndCumToEveryFrame() throws Exception {
        TestProfiles p = new TestProfiles("samples", "count");
        // sq inlined into sumSquares at line 8, sumSquares inlined into work at line 30
        long inl = p.location("main.sq", 3, "main.sumSquares", 8, "main.work", 30);
        long work = p.location("main.work", 31);
        long caller = p.location("main.main", 20);
        long sqCall = p.location("main.sq", 3);
        long other = p.location("main.other", 40);
        p.sample(v(7), inl, caller);
        p.sample(v(3), work, caller);
        p.sample(v(1), sqCall, other, caller);
        ProfileData d = new ProfileReader().read(p.bytes(), "inline.pb");

        assertThat(d.flat(fn(d, "main.sq"), 0)).isEqualTo(8);
        assertThat(d.cum(fn(d, "main.sq"), 0)).isEqualTo(8);
        assertThat(d.flat(fn(d, "main.sumSquares"), 0)).isZero();
        assertThat(d.cum(fn(d, "main.sumSquares"), 0)).isEqualTo(7);
        assertThat(d.flat(fn(d, "main.work"), 0)).isEqualTo(3);
        assertThat(d.cum(fn(d, "main.work"), 0)).isEqualTo(10);
        assertThat(d.cum(fn(d, "main.main"), 0)).isEqualTo(11);
        assertThat(d.lineFlat(line(d, "main.sq", 3), 0)).isEqualTo(8);
        assertThat(d.lineCum(line(d, "main.sumSquares", 8), 0)).isEqualTo(7);
        assertThat(d.lineFlat(line(d, "main.sumSquares", 8), 0)).isZero();
        assertThat(d.lineCum(line(d, "main.work", 30), 0)).isEqualTo(7);
        assertThat(d.lineCum(line(d, "main.work", 31), 0)).isEqualTo(3);
        assertThat(d.lineFile(line(d, "main.sq", 3))).isEqualTo("example.com/m/main.go");
        // pprof's labels: sq is reached inlined (from sumSquares) and by a call (from other)
        assertThat(d.inlineLabel(fn(d, "main.sq"), 0)).isEqualTo("(partial-inline)");
        assertThat(d.inlineLabel(fn(d, "main.sumSquares"), 0)).isEqualTo("(inline)");
        assertThat(d.inlineLabel(fn(d, "main.work"), 0)).isEmpty();
        assertThat(d.inlineLabel(fn(d, "main.main"), 0)).isEmpty();
    }

    @Test
    void runtimeBucketsCountEachSampleOnce() throws Exception {
        TestProfiles p = new TestProfiles("samples", "count", "cpu", "nanoseconds");
        long malloc = p.location("runtime.mallocgcSmallNoscan", 1, "runtime.mallocgc", 2);
        long grow = p.location("runtime.growslice", 3);
        long user = p.location("main.f", 10);
        long memmove = p.location("runtime.memmove", 4);
        long gc = p.location("runtime.scanobject", 5);
        long worker = p.location("runtime.gcBgMarkWorker", 6);
        long sched = p.location("runtime.findRunnable", 7);
        long schedule = p.location("runtime.schedule", 8);
        long mcall = p.location("runtime.mcall", 9);
        p.sample(v(1, 100), malloc, grow, user);   // allocator (mallocgc and growslice: once)
        p.sample(v(1, 50), memmove, grow, user);   // allocator (growslice copying)
        p.sample(v(1, 30), memmove, user);         // none
        p.sample(v(1, 40), gc, worker);            // gc
        p.sample(v(1, 80), sched, schedule, mcall); // scheduler
        ProfileData d = new ProfileReader().read(p.bytes(), "b.pb");
        assertThat(d.total(1)).isEqualTo(300);
        assertThat(d.bucket(RuntimeFunctions.Bucket.ALLOCATOR, 1)).isEqualTo(150);
        assertThat(d.bucket(RuntimeFunctions.Bucket.GC, 1)).isEqualTo(40);
        assertThat(d.bucket(RuntimeFunctions.Bucket.SCHEDULER, 1)).isEqualTo(80);
        assertThat(d.share(d.bucket(RuntimeFunctions.Bucket.ALLOCATOR, 1), 1)).isEqualTo(0.5);
    }

    @Test
    void bucketMembership() {
        assertThat(RuntimeFunctions.inBucket(RuntimeFunctions.Bucket.ALLOCATOR, "runtime.mallocgcTinySize8")).isTrue();
        assertThat(RuntimeFunctions.inBucket(RuntimeFunctions.Bucket.ALLOCATOR, "runtime.newobject")).isTrue();
        assertThat(RuntimeFunctions.inBucket(RuntimeFunctions.Bucket.ALLOCATOR, "runtime.convTstring")).isTrue();
        assertThat(RuntimeFunctions.inBucket(RuntimeFunctions.Bucket.ALLOCATOR, "runtime.memmove")).isFalse();
        assertThat(RuntimeFunctions.inBucket(RuntimeFunctions.Bucket.ALLOCATOR, "main.mallocgc")).isFalse();
        assertThat(RuntimeFunctions.inBucket(RuntimeFunctions.Bucket.GC, "runtime.gcDrainMarkWorkerDedicated")).isTrue();
        assertThat(RuntimeFunctions.inBucket(RuntimeFunctions.Bucket.GC, "runtime.scanObjectSmall")).isTrue();
        assertThat(RuntimeFunctions.inBucket(RuntimeFunctions.Bucket.GC, "runtime.gcWriteBarrier2")).isFalse();
        assertThat(RuntimeFunctions.inBucket(RuntimeFunctions.Bucket.GC, "runtime.gcmarknewobject")).isFalse();
        assertThat(RuntimeFunctions.inBucket(RuntimeFunctions.Bucket.SCHEDULER, "runtime.findrunnable")).isTrue();
        assertThat(RuntimeFunctions.inBucket(RuntimeFunctions.Bucket.SCHEDULER, "runtime.park_m")).isTrue();
        assertThat(RuntimeFunctions.inBucket(RuntimeFunctions.Bucket.SCHEDULER, "runtime.mstart")).isFalse();
    }

    @Test
    void unsymbolizedLocationsBecomeTheBinarysNode() throws Exception {
        TestProfiles p = new TestProfiles("samples", "count");
        long bare = 1000;
        p.builder().addLocation(Location.newBuilder().setId(bare).setMappingId(1).setAddress(0x401000));
        long main = p.location("main.main", 3);
        p.sample(v(5), bare, main);
        ProfileData d = new ProfileReader().read(p.bytes(), "u.pb");
        assertThat(d.flat(fn(d, "[app]"), 0)).isEqualTo(5);
        assertThat(d.cum(fn(d, "main.main"), 0)).isEqualTo(5);
    }

    // ---- broken input --------------------------------------------------------------------------

    @Test
    void truncatedGzipIsMalformedWithAnOffset() throws Exception {
        byte[] gz = Files.readAllBytes(GO126_CPU);
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        ParseException e = catchThrowableOfType(ParseException.class,
                () -> new ProfileReader().read(cut, "cut.pprof"));
        assertThat(e.kind()).isEqualTo(ParseException.Kind.MALFORMED);
        assertThat(e.at().byteOffset()).isTrue();
        assertThat(e.at().line()).isBetween(1L, (long) cut.length);
        assertThat(e.getMessage()).startsWith("cut.pprof:@").contains("truncated gzip data");
    }

    @Test
    void gzipWithCorruptDeflateDataIsMalformed() throws Exception {
        byte[] gz = Files.readAllBytes(GO126_CPU);
        for (int i = 40; i < 80; i++) {
            gz[i] = (byte) 0xff;
        }
        ParseException e = catchThrowableOfType(ParseException.class, () -> new ProfileReader().read(gz, "bad.pprof"));
        assertThat(e.kind()).isEqualTo(ParseException.Kind.MALFORMED);
        assertThat(e.at().byteOffset()).isTrue();
        assertThat(e.getMessage()).contains("gzip");
    }

    @Test
    void truncatedPlainProfileNamesTheFieldAndItsOffset() throws Exception {
        TestProfiles p = new TestProfiles("samples", "count");
        long a = p.location("main.a", 1);
        for (int i = 0; i < 50; i++) {
            p.sample(v(i + 1), a);
        }
        byte[] all = p.bytes();
        byte[] cut = Arrays.copyOf(all, all.length - 3); // inside the string table at the end
        ParseException e = catchThrowableOfType(ParseException.class, () -> new ProfileReader().read(cut, "t.pb"));
        assertThat(e.kind()).isEqualTo(ParseException.Kind.MALFORMED);
        assertThat(e.getMessage()).startsWith("t.pb:@").contains("truncated profile").contains("string_table");
    }

    @Test
    void randomBytesAreRejectedAtOffsetZero() {
        Random r = new Random(42);
        for (int i = 0; i < 20; i++) {
            byte[] junk = new byte[1000 + i];
            r.nextBytes(junk);
            junk[0] = (byte) 0x7f; // no gzip magic
            ParseException e = catchThrowableOfType(ParseException.class,
                    () -> new ProfileReader().read(junk, "junk.bin"));
            assertThat(e).as("random input %d", i).isNotNull();
            assertThat(e.at().byteOffset()).isTrue();
            assertThat(e.getMessage()).startsWith("junk.bin:@");
        }
        byte[] junk = new byte[100];
        r.nextBytes(junk);
        junk[0] = (byte) 0x7f;
        ParseException e = catchThrowableOfType(ParseException.class, () -> new ProfileReader().read(junk, "j"));
        assertThat(e.kind()).isEqualTo(ParseException.Kind.UNRECOGNIZED);
        assertThat(e.at().line()).isZero();
    }

    @Test
    void emptyInputIsUnrecognized() {
        ParseException e = catchThrowableOfType(ParseException.class,
                () -> new ProfileReader().read(new byte[0], "empty.pb"));
        assertThat(e.kind()).isEqualTo(ParseException.Kind.UNRECOGNIZED);
        assertThat(e.getMessage()).isEqualTo("empty.pb:@0: not a pprof profile: empty input");
    }

    @Test
    void sampleReferencingAMissingLocationIsMalformedAtTheSamplesOffset() throws Exception {
        TestProfiles p = new TestProfiles("samples", "count");
        long a = p.location("main.a", 1);
        p.sample(v(1), a);
        p.sample(v(2), a, 99);
        Profile prof = p.build();
        long offset = 0;
        for (var st : prof.getSampleTypeList()) {
            offset += CodedOutputStream.computeMessageSize(1, st);
        }
        offset += CodedOutputStream.computeMessageSize(2, prof.getSample(0));

        ParseException e = catchThrowableOfType(ParseException.class,
                () -> new ProfileReader().read(prof.toByteArray(), "loc.pb"));
        assertThat(e.kind()).isEqualTo(ParseException.Kind.MALFORMED);
        assertThat(e.at().byteOffset()).isTrue();
        assertThat(e.at().line()).isEqualTo(offset);
        assertThat(e.getMessage()).isEqualTo("loc.pb:@" + offset
                + ": sample references location id 99, which the profile does not define");

        ParseException gz = catchThrowableOfType(ParseException.class,
                () -> new ProfileReader().read(TestProfiles.gzip(prof.toByteArray()), "loc.pb.gz"));
        assertThat(gz.at().line()).isEqualTo(offset);
        assertThat(gz.getMessage()).contains("(offset in the decompressed data)");
    }

    @Test
    void valueCountMustMatchTheSampleTypes() {
        TestProfiles p = new TestProfiles("samples", "count", "cpu", "nanoseconds");
        long a = p.location("main.a", 1);
        p.sample(v(1), a);
        assertThatThrownBy(() -> new ProfileReader().read(p.bytes(), "v.pb")).isInstanceOf(ParseException.class)
                .hasMessageMatching("v\\.pb:@\\d+: sample has 1 values, but the profile declares 2 sample types");
    }

    @Test
    void stringIndicesOutOfRangeAreMalformed() {
        TestProfiles p = new TestProfiles("samples", "count");
        p.location("main.a", 1);
        p.builder().addFunction(Function.newBuilder().setId(50).setName(999));
        assertThatThrownBy(() -> new ProfileReader().read(p.bytes(), "s.pb")).isInstanceOf(ParseException.class)
                .hasMessageMatching("s\\.pb:@\\d+: function 50 name is string index 999, out of range "
                        + "\\(the string table has \\d+ entries\\)");

        TestProfiles q = new TestProfiles("samples", "count");
        long a = q.location("main.a", 1);
        q.builder().addSample(Sample.newBuilder().addValue(1).addLocationId(a)
                .addLabel(Label.newBuilder().setKey(q.str("k")).setStr(12345)));
        assertThatThrownBy(() -> new ProfileReader().read(q.bytes(), "l.pb")).isInstanceOf(ParseException.class)
                .hasMessageContaining("sample label k value is string index 12345");
    }

    @Test
    void crossReferencesAreChecked() {
        TestProfiles p = new TestProfiles("samples", "count");
        p.builder().addLocation(Location.newBuilder().setId(7).addLine(Line.newBuilder().setFunctionId(77)));
        assertThatThrownBy(() -> new ProfileReader().read(p.bytes(), "f.pb")).isInstanceOf(ParseException.class)
                .hasMessageContaining("location 7 line 0 references function id 77, which the profile does not define");

        TestProfiles q = new TestProfiles("samples", "count");
        q.builder().addLocation(Location.newBuilder().setId(3).setMappingId(9));
        assertThatThrownBy(() -> new ProfileReader().read(q.bytes(), "m.pb")).isInstanceOf(ParseException.class)
                .hasMessageContaining("location 3 references mapping id 9");

        TestProfiles d = new TestProfiles("samples", "count");
        d.location("main.a", 1);
        d.builder().addLocation(Location.newBuilder().setId(1));
        assertThatThrownBy(() -> new ProfileReader().read(d.bytes(), "d.pb")).isInstanceOf(ParseException.class)
                .hasMessageMatching("d\\.pb:@\\d+: duplicate location id 1 \\(first at @\\d+\\)");
    }

    @Test
    void stringTableMustStartEmptyAndSampleTypesMustExist() {
        Profile bad = Profile.newBuilder().addStringTable("x").build();
        assertThatThrownBy(() -> new ProfileReader().read(bad.toByteArray(), "x.pb"))
                .isInstanceOf(ParseException.class).hasMessageContaining("string_table[0] must be \"\"");
        Profile none = Profile.newBuilder().addStringTable("").setPeriod(1).build();
        assertThatThrownBy(() -> new ProfileReader().read(none.toByteArray(), "n.pb"))
                .isInstanceOf(ParseException.class).hasMessageContaining("no sample_type");
    }

    @Test
    void wrongWireTypeForAKnownFieldIsMalformed() {
        TestProfiles p = new TestProfiles("samples", "count");
        byte[] ok = p.bytes();
        byte[] bad = Arrays.copyOf(ok, ok.length + 2);
        bad[ok.length] = (byte) ((12 << 3) | 2); // period (varint) as length-delimited
        bad[ok.length + 1] = 0;
        assertThatThrownBy(() -> new ProfileReader().read(bad, "w.pb")).isInstanceOf(ParseException.class)
                .hasMessageContaining("period (field 12) has wire type 2, profile.proto declares 0")
                .hasMessageStartingWith("w.pb:@" + ok.length + ":");
    }

    static int fn(ProfileData d, String name) {
        for (int i = 0; i < d.functionCount(); i++) {
            if (d.functionName(i).equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no function " + name);
    }

    static int line(ProfileData d, String name, long line) {
        for (int i = 0; i < d.lineCount(); i++) {
            if (d.functionName(d.lineFunction(i)).equals(name) && d.lineNumber(i) == line) {
                return i;
            }
        }
        throw new AssertionError("no line " + name + ":" + line);
    }
}
