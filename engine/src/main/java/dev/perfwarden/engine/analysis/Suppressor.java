package dev.perfwarden.engine.analysis;

import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.facts.input.InputStats;

import java.util.List;

/**
 * Suppresses findings and can report findings of its own about itself (source comments that suppress
 * nothing, a comment without a reason). Unlike a {@link FindingFilter}, what it hides is kept in the
 * result ({@link AnalysisResult#suppressed()}) and shown in SARIF with a {@code suppressions} entry.
 * Immutable and shareable; each run gets its own {@link Matcher}.
 */
public interface Suppressor {
    /** Starts a run over the given rule catalogue and inputs. */
    Matcher start(List<RuleInfo> rules, List<InputStats> inputs);

    /** Rules of the findings this suppressor reports itself, for the SARIF catalogue. */
    default List<RuleInfo> rules() {
        return List.of();
    }

    /** One run's matching state. */
    interface Matcher {
        /** The suppression that hides {@code f}, or null to keep it. */
        Suppression match(Finding f);

        /**
         * Called once after every finding was matched: findings about the suppressions themselves (for
         * example unused ones). They go through the later suppressors (a baseline) but not this one.
         */
        default List<Finding> finish() {
            return List.of();
        }
    }
}
