package dev.perfwarden.engine.pack;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.ParseResult;
import com.github.javaparser.ast.expr.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class JavaSyntaxTest {

    /** Many threads parse at once (packs are checked on several threads): each gets the tree of its own text. */
    @Test
    void concurrentParsesEachGetTheirOwnTree() throws Exception {
        assertThat(mismatches(JavaSyntax::expression)).isZero();
    }

    /** Texts of different lengths and shapes, so that a parse that read another thread's input shows. */
    static long mismatches(Function<String, ParseResult<Expression>> parse) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    long bad = 0;
                    for (int i = 0; i < 1_500; i++) {
                        String text = "kind" + thread + ".equals(\"" + "x".repeat(i % 40) + i + "\") && line > " + i;
                        try {
                            ParseResult<Expression> r = parse.apply(text);
                            if (!r.isSuccessful() || !r.getResult().orElseThrow().toString().equals(text)) {
                                bad++;
                            }
                        } catch (RuntimeException | Error e) {
                            bad++;
                        }
                    }
                    return bad;
                }));
            }
            long bad = 0;
            for (Future<Long> f : futures) {
                bad += f.get();
            }
            return bad;
        } finally {
            pool.shutdownNow();
        }
    }
}
