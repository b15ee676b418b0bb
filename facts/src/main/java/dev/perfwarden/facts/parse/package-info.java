/**
 * What every parser is given and gives back: the input ({@link dev.perfwarden.facts.parse.InputSource},
 * {@link dev.perfwarden.facts.parse.InputHead}), the parser contract ({@link dev.perfwarden.facts.parse.InputParser})
 * and the per-input context that collects facts and unparsed lines ({@link dev.perfwarden.facts.parse.ParseContext}).
 * The parser packages depend on this package; {@code facts.input}, which picks and runs the parsers, depends
 * on them, so there is no cycle.
 */
package dev.perfwarden.facts.parse;
