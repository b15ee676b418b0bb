import dev.perfwarden.facts.core.*;
import dev.perfwarden.facts.inline.InlineFact;
import dev.perfwarden.facts.input.InputReader;
import java.util.*;

/**
 * How much of FunctionResolver's file- and position-keyed joins cross packages on a real input: what a
 * resolver run per package would miss (docs/design/partition.md). Reads the inputs as `analyze` does.
 *
 *   java -Xmx3g -cp cli/target/perfwarden.jar bench/partition/CrossPackages.java INPUT...
 */
public class CrossPackages {
    public static void main(String[] args) throws Exception {
        InputReader.Result r = new InputReader().read(List.of(args), System.in);
        Map<String, Set<String>> declPkgs = new HashMap<>();     // file -> packages whose facts declare there
        Map<String, Set<String>> namedPkgs = new HashMap<>();    // file:line:col -> packages naming it (by compiler)
        Map<String, Set<String>> filePkgs = new HashMap<>();     // file -> packages with compiler facts in it
        long attributable = 0;
        for (Fact f : r.facts()) {
            if (!(f instanceof Attributable<?> a) || a.pkg().isEmpty()) continue;
            attributable++;
            filePkgs.computeIfAbsent(a.file(), k -> new HashSet<>()).add(a.pkg());
            if (f instanceof InlineFact i && i.atDeclaration() && !i.symbol().isEmpty() && i.line() > 0)
                declPkgs.computeIfAbsent(i.file(), k -> new HashSet<>()).add(a.pkg());
            if (!(f instanceof InlineFact) && a.attribution().equals(Attributable.BY_COMPILER) && !a.symbol().isEmpty() && a.line() > 0)
                namedPkgs.computeIfAbsent(a.file() + ":" + a.line() + ":" + a.col(), k -> new HashSet<>()).add(a.pkg());
        }
        long factsInDeclFileOfOtherPkg = 0, factsAtPosNamedOnlyByOtherPkg = 0, factsInFileOfSeveralPkgs = 0;
        for (Fact f : r.facts()) {
            if (!(f instanceof Attributable<?> a) || a.pkg().isEmpty()) continue;
            Set<String> d = declPkgs.get(a.file());
            if (d != null && !d.contains(a.pkg())) factsInDeclFileOfOtherPkg++;
            Set<String> n = namedPkgs.get(a.file() + ":" + a.line() + ":" + a.col());
            if (n != null && !n.contains(a.pkg())) factsAtPosNamedOnlyByOtherPkg++;
            if (filePkgs.get(a.file()).size() > 1) factsInFileOfSeveralPkgs++;
        }
        System.out.println("compiler facts: " + attributable + " in " + filePkgs.size() + " files");
        System.out.println("files with declarations from >1 package: " + declPkgs.values().stream().filter(s -> s.size() > 1).count() + " of " + declPkgs.size());
        System.out.println("facts in a file whose declarations come only from other packages: " + factsInDeclFileOfOtherPkg);
        System.out.println("positions named by >1 package: " + namedPkgs.values().stream().filter(s -> s.size() > 1).count() + " of " + namedPkgs.size());
        System.out.println("facts at a position named only by other packages: " + factsAtPosNamedOnlyByOtherPkg);
        System.out.println("files holding compiler facts of >1 package: " + filePkgs.values().stream().filter(s -> s.size() > 1).count() + "; their facts: " + factsInFileOfSeveralPkgs);
    }
}
