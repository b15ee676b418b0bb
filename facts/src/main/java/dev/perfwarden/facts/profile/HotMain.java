package dev.perfwarden.facts.profile;

import java.nio.file.Path;

/**
 * A bare entry point for timing and debugging the hot table without the CLI:
 * {@code java -cp … dev.perfwarden.facts.profile.HotMain PROFILE [--cum] [--sample-index NAME]
 * [--top N] [--format text|json]}. The real command is {@code perfwarden hot}.
 */
public final class HotMain {
    private HotMain() {
    }

    public static void main(String[] args) throws Exception {
        Path profile = null;
        String index = null;
        boolean cum = false;
        int top = 20;
        String format = "text";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cum" -> cum = true;
                case "--sample-index" -> index = args[++i];
                case "--top" -> top = Integer.parseInt(args[++i]);
                case "--format" -> format = args[++i];
                default -> profile = Path.of(args[i]);
            }
        }
        if (profile == null) {
            System.err.println("usage: HotMain PROFILE [--cum] [--sample-index NAME] [--top N] [--format text|json]");
            System.exit(2);
        }
        HotTable table = HotTable.from(profile, index, cum, top);
        System.out.print(format.equals("json") ? table.toJson() + "\n" : table.toText());
    }
}
