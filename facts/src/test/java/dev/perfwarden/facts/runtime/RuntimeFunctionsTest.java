package dev.perfwarden.facts.runtime;

import dev.perfwarden.facts.runtime.RuntimeFunctions.Bucket;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuntimeFunctionsTest {

    /** Go 1.26.8 runtime/iface.go: every convT* allocates with mallocgc (small values and "" excepted). */
    @Test
    void convTBoxesAndCountsAsAllocatorWork() {
        for (String f : new String[] {"convT", "convT16", "convT32", "convT64", "convTstring", "convTslice",
                "convTnoptr"}) {
            assertThat(RuntimeFunctions.category("runtime." + f)).as(f).isEqualTo("boxing");
            assertThat(RuntimeFunctions.inBucket(Bucket.ALLOCATOR, "runtime." + f)).as(f).isTrue();
        }
    }

    /** Go 1.26.8 runtime/string.go: rawstring, rawbyteslice, rawruneslice are mallocgc of a string's storage. */
    @Test
    void rawStorageBuildsStringsAndCountsAsAllocatorWork() {
        for (String f : new String[] {"rawstring", "rawstringtmp", "rawbyteslice", "rawruneslice"}) {
            assertThat(RuntimeFunctions.category("runtime." + f)).as(f).isEqualTo("string-build");
            assertThat(RuntimeFunctions.inBucket(Bucket.ALLOCATOR, "runtime." + f)).as(f).isTrue();
        }
        // the copying builders are the program's work: only their rawstring/mallocgc frames are the allocator's
        assertThat(RuntimeFunctions.category("runtime.concatstring3")).isEqualTo("string-build");
        assertThat(RuntimeFunctions.bucketMask("runtime.concatstrings")).isZero();
        assertThat(RuntimeFunctions.bucketMask("runtime.slicebytetostring")).isZero();
    }

    @Test
    void callCategoriesByExactNameThenPrefixAcrossRuntimePackages() {
        assertThat(RuntimeFunctions.category("runtime.newobject")).isEqualTo("alloc");
        assertThat(RuntimeFunctions.category("runtime.mallocgcSmallNoscan")).isEqualTo("alloc");
        assertThat(RuntimeFunctions.category("runtime.makechan")).isEqualTo("alloc");
        assertThat(RuntimeFunctions.category("runtime.growsliceBuf")).isEqualTo("growslice");
        assertThat(RuntimeFunctions.category("runtime.gcWriteBarrier2")).isEqualTo("write-barrier");
        assertThat(RuntimeFunctions.category("runtime.panicBounds")).isEqualTo("bounds-panic");
        assertThat(RuntimeFunctions.category("internal/runtime/maps.(*Map).getWithKeySmall")).isEqualTo("map");
        assertThat(RuntimeFunctions.category("internal/runtime/maps.runtime_mapaccess1_fast64")).isEqualTo("map");
        assertThat(RuntimeFunctions.category("runtime.memmove")).isEqualTo(RuntimeFunctions.OTHER);
        assertThat(RuntimeFunctions.category("runtime.gcStart")).isEqualTo(RuntimeFunctions.OTHER);
        assertThat(RuntimeFunctions.isRuntime("internal/runtime/atomic.Load")).isTrue();
        assertThat(RuntimeFunctions.isRuntime("main.mallocgc")).isFalse();
    }

    @Test
    void profileBucketsMatchPprofNamesOfPackageRuntimeOnly() {
        assertThat(RuntimeFunctions.inBucket(Bucket.ALLOCATOR, "runtime.mallocgcTinySize8")).isTrue();
        assertThat(RuntimeFunctions.inBucket(Bucket.ALLOCATOR, "runtime.(*mcache).nextFree")).isTrue();
        assertThat(RuntimeFunctions.inBucket(Bucket.ALLOCATOR, "runtime.memmove")).isFalse();
        assertThat(RuntimeFunctions.inBucket(Bucket.ALLOCATOR, "main.mallocgc")).isFalse();
        // makechan and moveSlice allocate, but the allocator bucket has never counted them (see the table)
        assertThat(RuntimeFunctions.inBucket(Bucket.ALLOCATOR, "runtime.makechan")).isFalse();
        assertThat(RuntimeFunctions.inBucket(Bucket.GC, "runtime.(*gcWork).tryGet")).isTrue();
        assertThat(RuntimeFunctions.inBucket(Bucket.GC, "runtime.gcWriteBarrier2")).isFalse();
        assertThat(RuntimeFunctions.inBucket(Bucket.SCHEDULER, "runtime.findrunnable")).isTrue();
        assertThat(RuntimeFunctions.inBucket(Bucket.PROFILER, "runtime.mProf_Malloc.func1")).isTrue();
        assertThat(RuntimeFunctions.bucketMask("runtime.growslice"))
                .isEqualTo(Bucket.ALLOCATOR.bit());
    }

    @Test
    void aMalformedRowNamesItsLine() {
        assertThatThrownBy(() -> RuntimeFunctions.parse(new BufferedReader(new StringReader(
                "# c\nnewobject alloc allocator\nconvT* boxin -\n"))))
                .hasMessage("runtime-functions.txt:3: unknown category boxin");
        assertThatThrownBy(() -> RuntimeFunctions.parse(new BufferedReader(new StringReader(
                "newobject alloc allocator\nnewobject alloc -\n"))))
                .hasMessage("runtime-functions.txt:2: newobject already on line 1");
        assertThatThrownBy(() -> RuntimeFunctions.parse(new BufferedReader(new StringReader("x alloc\n"))))
                .hasMessageContaining(":1: want NAME CATEGORY FACETS");
        assertThat(RuntimeFunctions.rows()).hasSizeGreaterThan(130);
    }
}
