package dev.perfwarden.facts.logopt.json;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reading of a {@code -json} record in the compiler's own layout without Jackson gives what the tree gives, takes
 * the compiler's records (not declining them all, which would leave every record to Jackson unnoticed), and declines
 * every other layout.
 */
class CompilerRecordTest {
    private static Diagnostic fast(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return CompilerRecord.read(b, b.length);
    }

    @Test
    void theCompilersRecordsOfTheCommittedCapturesAreReadAsTheTreeReadsThem() throws Exception {
        Path root = Path.of("..", "testdata").toAbsolutePath().normalize();
        int records = 0;
        int read = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json") && p.toString().contains("/json/")).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                    if (line.startsWith("{\"range\"")) {
                        records++;
                        Diagnostic d = fast(line);
                        if (d != null) {
                            read++;
                            assertThat(d).as(line).isEqualTo(DiagnosticTest.tree(line));
                        }
                    }
                }
            }
        }
        assertThat(records).isGreaterThan(1000);
        assertThat(read).as("records in the compiler's layout, of %d", records).isEqualTo(records);
    }

    @Test
    void escapesAreDecodedAsJsonHasThem() throws Exception {
        String line = DiagnosticTest.PLAIN.replace("parameter b leaks", "parameter \\u0026b\\u003cT\\u003e \\\"q\\\" \\\\ \\/ \\t\\n\\r\\b\\f h\u00e9ap \\ud83d\\ude00 leaks");
        assertThat(fast(line)).isNotNull().isEqualTo(DiagnosticTest.tree(line))
                .satisfies(d -> assertThat(d.message()).startsWith("parameter &b<T> \"q\" \\ / \t\n\r\b\f héap \ud83d\ude00 leaks"));
        String noRelated = DiagnosticTest.PLAIN.substring(0, DiagnosticTest.PLAIN.indexOf(",\"relatedInformation\"")) + "}";
        assertThat(fast(noRelated)).isNotNull().isEqualTo(DiagnosticTest.tree(noRelated))
                .satisfies(d -> assertThat(d.related()).isEmpty());
        String negative = DiagnosticTest.PLAIN.replace("\"line\":41,\"character\":8", "\"line\":-2147483648,\"character\":-0");
        assertThat(fast(negative)).isNotNull().isEqualTo(DiagnosticTest.tree(negative));
    }

    @Test
    void anotherLayoutIsDeclined() {
        String p = DiagnosticTest.PLAIN;
        assertThat(fast(p)).isNotNull();
        for (String odd : List.of(
                p.replace("{\"range\":", "{ \"range\":"),                                    // white space
                p + " ",                                                                     // after the record
                p.replace("\"severity\":3,\"code\":\"leak\"", "\"code\":\"leak\",\"severity\":3"), // another order
                p.replace("\"code\":\"leak\"", "\"code\":\"leak\",\"code\":\"escape\""),     // a field twice
                p.replace("\"line\":41,", "\"line\":041,"),                                  // a leading zero
                p.replace("\"line\":41,", "\"line\":4100000000,"),                           // beyond int
                p.replace("\"line\":41,", "\"line\":41.0,"),                                 // not an integer
                p.replace("\"line\":41,", "\"line\":2147483648,"),
                p.replace("\"code\":\"leak\"", "\"code\":null"),
                p.replace("\"code\":\"leak\"", "\"code\":\"le\\qak\""),                      // an unknown escape
                p.replace("\"code\":\"leak\"", "\"code\":\"le\\u00zak\""),
                p.replace("\"code\":\"leak\"", "\"code\":\"le\tak\""),                       // a control character
                p.replace("\"relatedInformation\":[{", "\"relatedInformation\":[]}").substring(0, 10),
                p.replace("[{\"location\"", "[]").substring(0, p.indexOf("[{\"location\"") + 2) + "}",
                p.substring(0, p.length() - 1))) {
            assertThat(fast(odd)).as(odd).isNull();
        }
    }
}
