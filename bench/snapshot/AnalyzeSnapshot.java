import dev.perfwarden.cli.PerfwardenCommand;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs `perfwarden analyze` once per line of a job file, all in one JVM (one start-up, one pack build), as
 * bench/analyze-snapshot.sh's runner. A job line is NAME, a tab, then the arguments separated by tabs; the
 * command's stdout goes to OUT/NAME.json, its stderr and exit code to OUT/NAME.err.
 * Run: java -cp cli/target/perfwarden.jar bench/snapshot/AnalyzeSnapshot.java OUT JOBS
 */
public class AnalyzeSnapshot {
    public static void main(String[] a) throws Exception {
        Path out = Path.of(a[0]);
        Files.createDirectories(out);
        for (String job : Files.readAllLines(Path.of(a[1]))) {
            if (job.isBlank()) {
                continue;
            }
            List<String> f = new ArrayList<>(Arrays.asList(job.split("\t")));
            String name = f.remove(0);
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            CommandLine cl = PerfwardenCommand.commandLine();
            cl.setOut(new PrintWriter(o, true));
            cl.setErr(new PrintWriter(e, true));
            int code = PerfwardenCommand.execute(cl, f.toArray(String[]::new));
            Files.writeString(out.resolve(name + ".json"), o.toString(), StandardCharsets.UTF_8);
            Files.writeString(out.resolve(name + ".err"), e + (code == 0 ? "" : "exit " + code + "\n"),
                    StandardCharsets.UTF_8);
        }
    }
}
