/**
 * The machine-code model shared by the objdump ({@code go tool objdump}) and assembly-listing
 * ({@code go build -gcflags=-S}) parsers: the per-function instruction buffer ({@link Insn}), the
 * analysis that turns one function's instructions into derived facts ({@link AsmAnalyzer}), the
 * classification tables ({@link dev.perfwarden.facts.runtime.RuntimeFunctions}, one table with the profile buckets) and the fact records rules are written against.
 *
 * <h2>Facts</h2>
 * Every fact is {@link dev.perfwarden.facts.core.Located}: {@code symbol} is the canonical symbol
 * ({@link dev.perfwarden.facts.symbols.Symbols#normalize}) of the function whose machine code holds
 * the instruction (the <em>caller</em> when code was inlined), {@code file}/{@code line} are the
 * position the tool printed for that instruction (the <em>inlined callee's</em> file and line when
 * the instruction came from an inlined body), and {@code col} is always 0 (machine code carries no
 * columns).
 * <ul>
 *   <li>{@link AsmFunction} — one per function (objdump {@code TEXT} header, {@code -S} STEXT symbol);
 *   <li>{@link RuntimeCall} — {@code CALL runtime.X(SB)} (and {@code internal/runtime/...}), with a
 *       {@code category};
 *   <li>{@link DirectCall} — {@code CALL pkg.F(SB)} to any other symbol (option, on by default);
 *   <li>{@link IndirectCall} — {@code CALL reg}: {@code itab} / {@code closure} / {@code unknown};
 *   <li>{@link WriteBarrierCheck} — the test of {@code runtime.writeBarrier} before a pointer store;
 *   <li>{@link LoopLine} — a source line with at least one instruction inside a loop;
 *   <li>{@link AppendInstruction} — the in-loop instructions of a line where the loop calls {@code runtime.growslice};
 *   <li>{@link EntryExit} — a function's entry and exit instructions (stack check, frame, returns), what
 *       inlining it removes (amd64 objdump only);
 *   <li>{@link AsmInstruction} — one per instruction, <b>only</b> when {@link AsmOptions#instructions()}
 *       asks for it (a whole binary has millions).
 * </ul>
 *
 * <h2>Loops</h2>
 * Loop membership comes from the control-flow graph of the function's machine code
 * ({@link LoopFinder}): basic blocks split at branches and branch targets, dominators, and for each
 * back edge {@code n → h} whose target dominates its source the natural loop ({@code h} plus every
 * block that reaches {@code n} without passing {@code h}). An instruction is {@code inLoop} when its
 * block belongs to some natural loop; code laid out between a loop's blocks that cannot reach the
 * back edge (a return or error exit after the loop) is not. The stack-growth retry
 * ({@code CALL runtime.morestack*} then {@code JMP} back to the entry) is not a loop, and calls of
 * runtime functions that never return (panics, bounds failures) end their block. Branches are
 * recognised for amd64 (and 386) only: other architectures get no loops.
 */
package dev.perfwarden.facts.asm;
