package dev.perfwarden.engine.frontend;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** How the watchers end a worker over its bound ({@link Watched#stop}), against code that resists. */
class WatchedTest {
    /** Spins; catches what is thrown into it (ThreadDeath included) {@code catches} times, then lets it through. */
    private static Thread spinner(int catches, AtomicInteger caught, AtomicBoolean quit) {
        Thread t = new Thread(() -> {
            while (!quit.get()) {
                try {
                    while (!quit.get()) {
                        Thread.onSpinWait();
                    }
                } catch (Throwable e) {
                    if (caught.incrementAndGet() > catches) {
                        throw e;
                    }
                }
            }
        }, "watched-test-spinner");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void aWorkerThatCatchesTheFirstStopsIsStoppedAgainUntilItEnds() throws Exception {
        AtomicInteger caught = new AtomicInteger();
        AtomicBoolean quit = new AtomicBoolean();
        Thread t = spinner(3, caught, quit);
        try {
            // one stop, as SessionGuard made before, left such a thread running
            assertThat(Watched.stop(t, 50)).isNull();
            assertThat(t.isAlive()).isFalse();
            assertThat(caught.get()).isEqualTo(4);
        } finally {
            quit.set(true);
        }
    }

    @Test
    void aWorkerThatCatchesEveryStopIsGivenUpWithTheReason() throws Exception {
        AtomicInteger caught = new AtomicInteger();
        AtomicBoolean quit = new AtomicBoolean();
        Thread t = spinner(Integer.MAX_VALUE, caught, quit);
        try {
            assertThat(Watched.stop(t, 50)).isEqualTo("its thread did not end when stopped 20 times (the code caught"
                    + " the stop) and was left running until the process exits");
            assertThat(t.isAlive()).isTrue();
        } finally {
            quit.set(true);
            t.join(5_000);
        }
        assertThat(t.isAlive()).isFalse();
    }

    @Test
    void lowHeapCountsOnlyLiveData() {
        assertThat(Watched.lowHeap(1)).isFalse();
        assertThat(Watched.lowHeap(Runtime.getRuntime().maxMemory() + 1)).isTrue();
    }
}
