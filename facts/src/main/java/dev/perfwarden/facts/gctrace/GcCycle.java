package dev.perfwarden.facts.gctrace;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.InputPos;

/**
 * One {@code GODEBUG=gctrace=1} line, as runtime/mgc.go (gcMarkTermination) prints it in Go 1.26:
 * <pre>gc 7 @2.104s 1%: 0.052+1.2+0.031 ms clock, 0.10+0.31/0.90/0.62+0.062 ms cpu, 4->4->1 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P</pre>
 * {@code atSeconds} is the time since program start, {@code cpuPercent} the GC's share of CPU since
 * program start (an integer percent), {@code stwMs} the two stop-the-world phases' wall clock
 * (sweep termination + mark termination), {@code concurrentMs} the concurrent mark's wall clock,
 * heap sizes in MB (the runtime prints whole MB: start of GC, end of GC, live after marking),
 * {@code goalMB}; {@code stacksMB}/{@code globalsMB} are -1 where the Go version does not print them
 * (before Go 1.18). {@code forced}: {@code runtime.GC()} started the cycle.
 */
public record GcCycle(int cycle, double atSeconds, int cpuPercent, double stwMs, double concurrentMs, long heapStartMB,
                      long heapEndMB, long liveMB, long goalMB, long stacksMB, long globalsMB, int procs,
                      boolean forced, String text, InputPos at) implements Fact {
    public Evidence evidence() {
        return Evidence.of(InputKind.GCTRACE, text, at);
    }
}
