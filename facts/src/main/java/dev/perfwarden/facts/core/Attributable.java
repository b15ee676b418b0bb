package dev.perfwarden.facts.core;

import dev.perfwarden.facts.source.FunctionResolver;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Located;

import java.util.function.UnaryOperator;

/**
 * A located fact whose input gives a source position but not always the function that holds it
 * ({@code -m} text, {@code -json} logs). {@link FunctionResolver} fills {@link #symbol()} and says
 * how it knows in {@link #attribution()}. The position and function live in one {@link Origin} component; the
 * accessors are default methods reading it, and Drools reads them as properties and hash-indexes joins on them
 * like a record component's, in both rule builds ({@code OriginIndexingTest}, docs/design/origin.md).
 *
 * <p>Attribution values (lowercase-hyphen strings, so DRL can compare them):
 * <ul>
 *   <li>{@value #BY_COMPILER}: the compiler printed the function's name on this line
 *       ({@code can inline F}, {@code F capturing by ref}, Go 1.24+ {@code … escapes to heap in F:});
 *       the name was qualified with its package.</li>
 *   <li>{@value #BY_SOURCE}: the innermost function or function literal around the position in the
 *       Go source (exact).</li>
 *   <li>{@value #APPROXIMATE}: no source for the file; the nearest preceding function declaration
 *       the inputs themselves gave ({@code can inline}/{@code cannot inline} positions).</li>
 *   <li>{@value #NONE}: nothing known; {@code symbol} is empty.</li>
 * </ul>
 */
public interface Attributable<T extends Attributable<T>> extends Located {
    String BY_COMPILER = "compiler";
    String BY_SOURCE = "source";
    String APPROXIMATE = "approximate";
    String NONE = "none";

    /** Where this fact comes from; the accessors below read it, so each record declares only this component. */
    Origin origin();

    /** Import path of the package being compiled, as the input gave it ({@code main} in -json logs of main packages); "" unknown. */
    default String pkg() {
        return origin().pkg();
    }

    /** The function name exactly as the compiler printed it for this fact (unqualified), "" when it printed none. */
    default String compilerFunc() {
        return origin().compilerFunc();
    }

    /** How {@link #symbol()} was found: one of the constants above. */
    default String attribution() {
        return origin().attribution();
    }

    @Override
    default String symbol() {
        return origin().symbol();
    }

    @Override
    default String file() {
        return origin().file();
    }

    @Override
    default int line() {
        return origin().line();
    }

    @Override
    default int col() {
        return origin().col();
    }

    /** The raw line or record this fact comes from. */
    Evidence evidence();

    /** A copy with {@code symbol} and {@code attribution} replaced. */
    T withAttribution(String symbol, String attribution);

    /** A copy with every file path this fact holds (its own, flow and inline positions) mapped. */
    T relocate(UnaryOperator<String> files);
}
