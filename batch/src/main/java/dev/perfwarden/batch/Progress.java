package dev.perfwarden.batch;

import dev.perfwarden.engine.report.TerminalText;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Tells how a batch is going: done, failed and total, rate and ETA. On a terminal a progress bar
 * (me.tongfei:progressbar); otherwise a plain line at most every {@code interval}, and one at the end.
 */
public interface Progress extends AutoCloseable {
    void start(int total, int alreadyDone);

    void done(RepoRow row);

    @Override
    void close();

    Progress NONE = new Progress() {
        @Override
        public void start(int total, int alreadyDone) {
        }

        @Override
        public void done(RepoRow row) {
        }

        @Override
        public void close() {
        }
    };

    /** A bar when {@code terminal}, plain lines on {@code err} otherwise. */
    static Progress on(PrintStream err, boolean terminal, Duration interval) {
        return terminal ? new Bar(err) : new Lines(err, interval);
    }

    /** The progress bar. */
    final class Bar implements Progress {
        private final PrintStream err;
        private ProgressBar bar;
        private int failed;

        Bar(PrintStream err) {
            this.err = err;
        }

        @Override
        public synchronized void start(int total, int alreadyDone) {
            bar = new ProgressBarBuilder().setTaskName("batch").setInitialMax(total).setConsumer(
                    new me.tongfei.progressbar.ConsoleProgressBarConsumer(err)).setStyle(ProgressBarStyle.ASCII)
                    .showSpeed().setUnit(" repos", 1).setSpeedUnit(java.time.temporal.ChronoUnit.MINUTES)
                    .continuousUpdate().build();
            bar.stepTo(alreadyDone);
            bar.setExtraMessage("failed 0");
        }

        @Override
        public synchronized void done(RepoRow row) {
            if (!row.ok()) {
                failed++;
                bar.setExtraMessage("failed " + failed);
            }
            bar.step();
        }

        @Override
        public synchronized void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }

    /** Plain lines: {@code batch: 120/1000 done, 3 failed, 41.2/min, ETA 21m}. */
    final class Lines implements Progress {
        private final PrintStream err;
        private final long intervalNanos;
        private long start;
        private long last;
        private int total;
        private int done;
        private int startDone;
        private int failed;
        private int printed = -1;

        Lines(PrintStream err, Duration interval) {
            this.err = err;
            this.intervalNanos = interval.toNanos();
        }

        @Override
        public synchronized void start(int total, int alreadyDone) {
            this.total = total;
            this.done = alreadyDone;
            this.startDone = alreadyDone;
            start = last = System.nanoTime();
            err.println(String.format(Locale.ROOT, "batch: %d repositories%s", total,
                    alreadyDone > 0 ? ", " + alreadyDone + " kept from an earlier run" : ""));
            err.flush();
        }

        @Override
        public synchronized void done(RepoRow row) {
            done++;
            if (!row.ok()) {
                failed++;
                err.println("batch: " + TerminalText.escape(row.repo()) + " failed: " + SummaryTable.firstLine(row.reason()));
            }
            long now = System.nanoTime();
            if (now - last >= intervalNanos) {
                line(now);
            }
        }

        private void line(long now) {
            last = now;
            printed = done;
            double minutes = Math.max(1e-9, (now - start) / 60e9);
            double rate = (done - startDone) / minutes;
            String eta = rate > 0 && done < total ? ", ETA " + SummaryTable.seconds((long) ((total - done) / rate * 60_000))
                    : "";
            err.println(String.format(Locale.ROOT, "batch: %d/%d done, %d failed, %.1f/min%s", done, total, failed,
                    rate, eta));
            err.flush();
        }

        @Override
        public synchronized void close() {
            if (total > 0 && printed != done) {
                line(System.nanoTime());
            }
        }
    }
}
