package dev.perfwarden.facts.profile;

import java.util.List;
import java.util.Set;

/**
 * The runtime buckets of {@link dev.perfwarden.facts.profile.ProfileSummary}: which Go runtime
 * functions put a sample in the allocator, the garbage collector or the scheduler. A sample
 * belongs to a bucket when <em>any</em> frame of its stack (inlined frames included) is one of
 * the bucket's functions; each sample counts once per bucket, so a bucket's value is the
 * cumulative value of a set of functions, never more than the total. The buckets may overlap
 * (a sweep done on behalf of {@code mallocgc} is both allocator and GC).
 *
 * <p>Names are matched exactly or by prefix (a trailing {@code *} below), on the function name as
 * pprof prints it. The lists cover Go 1.19 to 1.26, whose runtime renamed and split several of
 * these functions ({@code findrunnable} → {@code findRunnable} in 1.21, the size-specialised
 * {@code mallocgcSmall*}/{@code mallocgcTiny*} of 1.24–1.26, the Green Tea GC's
 * {@code scanObject*} of 1.25):
 * <ul>
 * <li><b>allocator</b>: {@code runtime.mallocgc*}, {@code runtime.newobject},
 * {@code runtime.newarray}, {@code runtime.makeslice*}, {@code runtime.growslice*} (its copy of
 * the old backing array is counted: it is the price of growing), {@code runtime.makemap*},
 * {@code runtime.rawstring*}, {@code runtime.rawbyteslice}, {@code runtime.rawruneslice},
 * {@code runtime.convT*} (boxing into interfaces), {@code runtime.(*mcache).nextFree},
 * {@code runtime.(*mcache).refill}, {@code runtime.(*mcentral).cacheSpan}. Not
 * {@code runtime.concatstrings} or {@code memmove} themselves: copying is the program's work,
 * only their allocations (through {@code rawstring}/{@code mallocgc}) count.</li>
 * <li><b>gc</b>: {@code runtime.gcBgMarkWorker*}, {@code runtime.gcAssistAlloc*},
 * {@code runtime.gcDrain*}, {@code runtime.gcMark*} (mark done/termination),
 * {@code runtime.gcStart}, {@code runtime.gcSweep}, {@code runtime.GC}, {@code runtime.markroot*},
 * {@code runtime.scanobject}, {@code runtime.scanObject*}, {@code runtime.scanstack},
 * {@code runtime.scanblock}, {@code runtime.scanframeworker}, {@code runtime.greyobject},
 * {@code runtime.(*gcWork).*}, {@code runtime.bgsweep}, {@code runtime.sweepone},
 * {@code runtime.(*sweepLocked).sweep}, {@code runtime.(*mspan).sweep}. Not write barriers
 * ({@code gcWriteBarrier*}, {@code wbBufFlush*}), which the {@code write-barrier-hot} rule
 * handles, and not the scavenger.</li>
 * <li><b>scheduler</b>: {@code runtime.schedule}, {@code runtime.findRunnable},
 * {@code runtime.findrunnable}, {@code runtime.mcall} (root of every switch to g0: park,
 * Gosched, goroutine exit, preemption), {@code runtime.park_m}, {@code runtime.gosched_m},
 * {@code runtime.goschedImpl}, {@code runtime.goschedguarded_m}, {@code runtime.gopreempt_m},
 * {@code runtime.preemptPark}, {@code runtime.goexit0}, {@code runtime.goyield_m},
 * {@code runtime.execute}, {@code runtime.stealWork}, {@code runtime.runqgrab},
 * {@code runtime.runqsteal}, {@code runtime.stopm}, {@code runtime.startm},
 * {@code runtime.wakep}, {@code runtime.handoffp}, {@code runtime.injectglist},
 * {@code runtime.resetspinning}, {@code runtime.exitsyscall0}, {@code runtime.sysmon}.</li>
 * <li><b>profiler</b>: the memory profiler's own work, {@code runtime.profilealloc},
 * {@code runtime.mProf_Malloc}, {@code runtime.mProf_Free}, {@code runtime.mProf_Flush},
 * {@code runtime.stkbucket}, {@code runtime.setprofilebucket}: a CPU profile taken with a low
 * {@code -memprofilerate} spends samples here that the program does not spend in production.</li>
 * </ul>
 * In a heap profile the allocator share is near 100% by construction (every sample is an
 * allocation site below {@code mallocgc}'s callers); the buckets are meant for CPU profiles.
 */
public final class RuntimeBuckets {
    private RuntimeBuckets() {
    }

    public enum Bucket {
        ALLOCATOR, GC, SCHEDULER, PROFILER;

        int bit() {
            return 1 << ordinal();
        }
    }

    private static final List<String> ALLOC_PREFIX = List.of("runtime.mallocgc", "runtime.makeslice",
            "runtime.growslice", "runtime.makemap", "runtime.rawstring", "runtime.convT");
    private static final Set<String> ALLOC_EXACT = Set.of("runtime.newobject", "runtime.newarray",
            "runtime.rawbyteslice", "runtime.rawruneslice", "runtime.(*mcache).nextFree", "runtime.(*mcache).refill",
            "runtime.(*mcentral).cacheSpan");

    private static final List<String> GC_PREFIX = List.of("runtime.gcBgMarkWorker", "runtime.gcAssistAlloc",
            "runtime.gcDrain", "runtime.gcMark", "runtime.markroot", "runtime.scanObject", "runtime.(*gcWork).");
    private static final Set<String> GC_EXACT = Set.of("runtime.gcStart", "runtime.gcSweep", "runtime.GC",
            "runtime.scanobject", "runtime.scanstack", "runtime.scanblock", "runtime.scanframeworker",
            "runtime.greyobject", "runtime.bgsweep", "runtime.sweepone", "runtime.(*sweepLocked).sweep",
            "runtime.(*mspan).sweep");

    private static final Set<String> SCHED_EXACT = Set.of("runtime.schedule", "runtime.findRunnable",
            "runtime.findrunnable", "runtime.mcall", "runtime.park_m", "runtime.gosched_m", "runtime.goschedImpl",
            "runtime.goschedguarded_m", "runtime.gopreempt_m", "runtime.preemptPark", "runtime.goexit0",
            "runtime.goyield_m", "runtime.execute", "runtime.stealWork", "runtime.runqgrab", "runtime.runqsteal",
            "runtime.stopm", "runtime.startm", "runtime.wakep", "runtime.handoffp", "runtime.injectglist",
            "runtime.resetspinning", "runtime.exitsyscall0", "runtime.sysmon");

    private static final Set<String> PROFILER_EXACT = Set.of("runtime.profilealloc", "runtime.mProf_Malloc",
            "runtime.mProf_Malloc.func1", "runtime.mProf_Free", "runtime.mProf_Flush", "runtime.stkbucket",
            "runtime.setprofilebucket");

    /** The buckets {@code function} (a name as pprof prints it) belongs to, as a bit set of {@link Bucket#bit()}. */
    static int mask(String function) {
        if (!function.startsWith("runtime.")) {
            return 0;
        }
        int m = 0;
        if (ALLOC_EXACT.contains(function) || startsWithAny(function, ALLOC_PREFIX)) {
            m |= Bucket.ALLOCATOR.bit();
        }
        if (GC_EXACT.contains(function) || startsWithAny(function, GC_PREFIX)) {
            m |= Bucket.GC.bit();
        }
        if (SCHED_EXACT.contains(function)) {
            m |= Bucket.SCHEDULER.bit();
        }
        if (PROFILER_EXACT.contains(function)) {
            m |= Bucket.PROFILER.bit();
        }
        return m;
    }

    /** Whether {@code function} belongs to {@code bucket}. */
    public static boolean contains(Bucket bucket, String function) {
        return (mask(function) & bucket.bit()) != 0;
    }

    private static boolean startsWithAny(String s, List<String> prefixes) {
        for (String p : prefixes) {
            if (s.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
