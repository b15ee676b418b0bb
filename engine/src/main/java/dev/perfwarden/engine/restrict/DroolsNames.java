package dev.perfwarden.engine.restrict;

import java.util.Set;

/**
 * Names that Drools rewrites in a consequence before it compiles it, so that the tree restricted mode checks
 * is not the tree that runs. Taken from Drools 10.1's sources, for both ways a pack is compiled (the classic
 * build the first time a rule set is seen, the executable model of the pack cache afterwards):
 * <ul>
 *   <li>classic, {@code KnowledgeHelperFixer}: MVEL macros that turn a bare {@code insert}, {@code insertLogical},
 *       {@code insertAsync}, {@code update}, {@code delete}, {@code retract}, {@code modifyRetract},
 *       {@code modifyInsert}, {@code bolster}, {@code don}, {@code shed}, {@code ward}, {@code grant} into
 *       {@code drools.NAME};</li>
 *   <li>classic, the Java block parser and {@code AsmUtil.fixBlockDescr}: {@code modify (x) { }},
 *       {@code update(x)}, {@code delete(x)}/{@code retract(x)} blocks, and the interface points
 *       {@code entryPoints[..]}, {@code exitPoints[..]}, {@code channels[..]} that become
 *       {@code drools.getEntryPoint(..)}, {@code drools.getExitPoint(..)}, {@code drools.getChannel(..)};</li>
 *   <li>executable model, {@code Consequence}: the bare calls {@code insert}, {@code insertLogical},
 *       {@code insertAsync}, {@code delete}, {@code retract}, {@code update} get the scope {@code drools};
 *       a call named {@code getWorkingMemory}, {@code getRule}, {@code getMatch}, {@code getTuple},
 *       {@code getKnowledgeRuntime}, {@code getKieRuntime}, {@code insertLogical}, {@code run} or
 *       {@code guard} with {@code drools} anywhere under it is re-scoped to the knowledge helper
 *       ({@code Hits.matched(drools).getKieRuntime()} reaches the session); {@code channels[..]} becomes
 *       {@code drools.getChannel(..)}; {@code kcontext} becomes {@code (RuleContext) drools}.</li>
 * </ul>
 * Restricted mode refuses each of these as a library function's name, as a method called on a value, as a
 * declared field whose accessor would carry it, and the interface points, {@code drools} and
 * {@code kcontext} as a variable's name anywhere.
 */
final class DroolsNames {
    private DroolsNames() {
    }

    /** Method names Drools turns into calls on {@code drools} (or its knowledge helper). */
    static final Set<String> REWRITTEN_CALLS = Set.of(
            // KnowledgeHelperFixer's macros (classic build)
            "insert", "insertLogical", "insertAsync", "update", "delete", "retract", "modifyRetract", "modifyInsert",
            "bolster", "don", "shed", "ward", "grant",
            // the Java block parser's modify block (classic build)
            "modify",
            // Consequence.knowledgeHelperMethods (executable model)
            "getWorkingMemory", "getRule", "getMatch", "getTuple", "getKnowledgeRuntime", "getKieRuntime", "run",
            "guard");

    /** Variable names Drools rewrites or binds itself: the interface points, the helper and the context. */
    static final Set<String> RESERVED_NAMES = Set.of("entryPoints", "exitPoints", "channels", "drools", "kcontext");

    /** Why a function may not be named {@code name}. */
    static String functionName(String name) {
        return "function name '" + name + "' is not allowed: Drools rewrites a call " + name + "(...) in a consequence"
                + " to drools." + name + "(...), a call on the rule's knowledge helper, before it compiles the rule";
    }

    /** Why {@code .name} may not be called on a value. */
    static String member(String name) {
        return "'." + name + "' is not allowed: Drools rewrites calls named " + name + " (to calls on drools, the"
                + " rule's knowledge helper) before it compiles the rule";
    }

    /** Why a variable may not be named {@code name}. */
    static String variable(String name) {
        String how = switch (name) {
            case "drools" -> "it is the rule's knowledge helper";
            case "kcontext" -> "Drools replaces it with the rule's context";
            case "channels" -> "Drools rewrites channels[..] in a consequence to drools.getChannel(..)";
            case "exitPoints" -> "Drools rewrites exitPoints[..] in a consequence to drools.getExitPoint(..)";
            default -> "Drools rewrites " + name + "[..] in a consequence to drools.getEntryPoint(..)";
        };
        return "'" + name + "' is not allowed as a name: " + how + ", which restricted rules may not reach";
    }
}
