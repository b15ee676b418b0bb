package dev.perfwarden.facts.source;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LoopExitsTest {
    private static List<String> scan(String src, Integer... lines) {
        return LoopExits.scan("a.go", src.getBytes(StandardCharsets.UTF_8), Set.of(lines)).stream()
                .map(x -> x.line() + "-" + x.endLine() + " " + x.exit() + "@" + x.exitLine() + " for@" + x.loopLine()
                        + " outer=" + x.outerLoops())
                .toList();
    }

    /** github.com/emirpasic/gods v1.18.1 trees/redblacktree/redblacktree.go, (*Tree).Put, lines 74-97 there. */
    private static final String PUT = """
            package redblacktree
            func (tree *Tree) Put(key interface{}, value interface{}) {
            \tvar insertedNode *Node
            \tnode := tree.Root
            \tloop := true
            \tfor loop {
            \t\tcompare := tree.Comparator(key, node.Key)
            \t\tswitch {
            \t\tcase compare == 0:
            \t\t\tnode.Key = key
            \t\t\treturn
            \t\tcase compare < 0:
            \t\t\tif node.Left == nil {
            \t\t\t\tnode.Left = &Node{Key: key, Value: value, color: red}
            \t\t\t\tinsertedNode = node.Left
            \t\t\t\tloop = false
            \t\t\t} else {
            \t\t\t\tnode = node.Left
            \t\t\t}
            \t\t}
            \t}
            \ttree.insertCase1(insertedNode)
            }
            """;

    @Test
    void theFlagIdiomLeavesTheLoop() {
        assertThat(scan(PUT, 14)).containsExactly("14-16 flag@16 for@6 outer=0");
    }

    @Test
    void aFlagSetAgainOrAnotherConditionIsNoExit() {
        assertThat(scan(PUT.replace("\t\t\t\tnode = node.Left\n", "\t\t\t\tnode = node.Left\n\t\t\t\tloop = true\n"),
                14)).isEmpty();
        assertThat(scan(PUT.replace("for loop {", "for loop && node != nil {"), 14)).isEmpty();
        assertThat(scan(PUT.replace("\tloop := true\n", "\tloop := true\n\tp := &loop\n")
                .replace("\t\tcompare :=", "\t\tloop, _ := f()\n\t\tcompare :="), 15)).isEmpty();
        // the line is not in the block: the loop's own statements run on every iteration
        assertThat(scan(PUT, 7)).isEmpty();
    }

    @Test
    void notDoneSetTrue() {
        assertThat(scan("""
                package p
                func f() {
                \tdone := false
                \tfor !done {
                \t\tif g() {
                \t\t\tkeep = &T{}
                \t\t\tdone = true
                \t\t}
                \t}
                }
                """, 6)).containsExactly("6-7 flag@7 for@4 outer=0");
    }

    @Test
    void breakReturnPanicAndGotoLeave() {
        String src = """
                package p
                func f(xs []int) {
                \tfor _, x := range xs {
                \t\tif x > 0 {
                \t\t\tkeep = &T{x}
                \t\t\tbreak
                \t\t}
                \t\tif x < 0 {
                \t\t\tpanic(&E{x})
                \t\t}
                \t\tswitch x {
                \t\tcase 3:
                \t\t\tkeep = &T{x}
                \t\t\tbreak
                \t\tcase 4:
                \t\t\tkeep = &T{x}
                \t\t\tgoto out
                \t\t}
                \t}
                out:
                \tfor i := 0; i < 3; i++ {
                \t\tfor _, x := range xs {
                \t\t\tif x == i {
                \t\t\t\tkeep = &T{x}
                \t\t\t\tbreak
                \t\t\t}
                \t\t}
                \t}
                }
                """;
        assertThat(scan(src, 5, 9, 13, 16, 24)).containsExactly(
                "5-6 break@6 for@3 outer=0", "9-9 panic@9 for@3 outer=0", "16-17 goto@17 for@3 outer=0",
                "24-25 break@25 for@22 outer=1");
    }

    @Test
    void aJumpBeforeTheExitOrANestedLoopIsNoExit() {
        assertThat(scan("""
                package p
                func f(xs []int) {
                \tfor _, x := range xs {
                \t\tif x > 0 {
                \t\t\tp := &T{x}
                \t\t\tif p.ok() {
                \t\t\t\tcontinue
                \t\t\t}
                \t\t\treturn
                \t\t}
                \t\tif x < 0 {
                \t\t\tfor range xs {
                \t\t\t\tkeep = &T{x}
                \t\t\t}
                \t\t\treturn
                \t\t}
                \t\tgo func() {
                \t\t\tkeep = &T{x}
                \t\t\treturn
                \t\t}()
                \t}
                }
                """, 5, 13, 18)).isEmpty();
    }

    @Test
    void aGotoBackBeforeTheLoopIsALoopAroundIt() {
        String src = """
                package p
                func f(xs []int) {
                restart:
                \tfor _, x := range xs {
                \t\tif x > 0 {
                \t\t\tkeep = &T{x}
                \t\t\tgoto restart
                \t\t}
                \t\tif x < 0 {
                \t\t\tkeep = &T{x}
                \t\t\treturn
                \t\t}
                \t}
                }
                """;
        assertThat(scan(src, 6, 10)).containsExactly("10-11 return@11 for@4 outer=1");
    }
}
