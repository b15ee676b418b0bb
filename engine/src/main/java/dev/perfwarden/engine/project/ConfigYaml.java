package dev.perfwarden.engine.project;

import dev.perfwarden.engine.yaml.PositionedYaml;
import dev.perfwarden.engine.yaml.YamlNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reading a project file, lock file, baseline, contract or manifest: {@link PositionedYaml}'s nodes, with a
 * syntax error as a {@link ConfigException} naming the file, and the {@link Errors} of one file positioned at
 * nodes, so that every problem can name its line and column.
 */
public final class ConfigYaml {
    private ConfigYaml() {
    }

    /** Parses {@code text} with {@link PositionedYaml}; {@code file} is the name used in errors. An empty document is an empty map. */
    public static YamlNode parse(String text, String file) throws ConfigException {
        YamlNode root;
        try {
            root = PositionedYaml.parse(text);
        } catch (PositionedYaml.SyntaxError e) {
            throw new ConfigException(file, e.line(), e.col(), e.getMessage());
        }
        return root == null ? new YamlNode.YMap(1, 1, Map.of(), "", 1, 1) : root;
    }

    /** Errors in one file, positioned at nodes. */
    public static final class Errors {
        private final String file;
        private final List<ConfigException.Issue> issues = new ArrayList<>();

        public Errors(String file) {
            this.file = file;
        }

        public String file() {
            return file;
        }

        /** A problem with a value. */
        public void at(YamlNode n, String msg) {
            issues.add(new ConfigException.Issue(file, n.line(), n.col(), msg));
        }

        /** A problem with the key of a value (unknown or misplaced keys). */
        public void atKey(YamlNode n, String msg) {
            issues.add(new ConfigException.Issue(file, n.keyLine(), n.keyCol(), msg));
        }

        /** Unknown keys of {@code map} are errors listing the allowed ones. */
        public void onlyKeys(YamlNode map, String... allowed) {
            Set<String> ok = new TreeSet<>(List.of(allowed));
            for (Map.Entry<String, YamlNode> e : map.map().entrySet()) {
                if (!ok.contains(e.getKey())) {
                    atKey(e.getValue(), "unknown key '" + e.getKey() + "'" + (map.path().isEmpty() ? ""
                            : " in " + map.path()) + " (allowed: " + String.join(", ", ok) + ")");
                }
            }
        }

        public boolean isEmpty() {
            return issues.isEmpty();
        }

        public void throwIfAny() throws ConfigException {
            if (!issues.isEmpty()) {
                throw new ConfigException(issues);
            }
        }
    }
}
