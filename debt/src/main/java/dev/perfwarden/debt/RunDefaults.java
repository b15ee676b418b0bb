package dev.perfwarden.debt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The commit and branch of a run when {@code debt record} is not told them: first the CI's variables,
 * then the git repository of the current folder. Documented in docs/debt.md.
 *
 * <table>
 * <tr><th>CI</th><th>commit</th><th>branch</th></tr>
 * <tr><td>GitHub Actions</td><td>GITHUB_SHA</td><td>GITHUB_HEAD_REF (pull requests), else GITHUB_REF_NAME</td></tr>
 * <tr><td>GitLab CI</td><td>CI_COMMIT_SHA</td><td>CI_COMMIT_REF_NAME</td></tr>
 * <tr><td>Jenkins</td><td>GIT_COMMIT</td><td>BRANCH_NAME, else GIT_BRANCH</td></tr>
 * <tr><td>Buildkite</td><td>BUILDKITE_COMMIT</td><td>BUILDKITE_BRANCH</td></tr>
 * <tr><td>CircleCI</td><td>CIRCLE_SHA1</td><td>CIRCLE_BRANCH</td></tr>
 * </table>
 */
public final class RunDefaults {
    static final List<String> COMMIT_VARS = List.of("GITHUB_SHA", "CI_COMMIT_SHA", "GIT_COMMIT", "BUILDKITE_COMMIT",
            "CIRCLE_SHA1");
    static final List<String> BRANCH_VARS = List.of("GITHUB_HEAD_REF", "GITHUB_REF_NAME", "CI_COMMIT_REF_NAME",
            "BRANCH_NAME", "GIT_BRANCH", "BUILDKITE_BRANCH", "CIRCLE_BRANCH");

    private final Map<String, String> env;
    private final Path folder;

    public RunDefaults(Map<String, String> env, Path folder) {
        this.env = env;
        this.folder = folder;
    }

    /** The defaults of this process: its environment and current folder. */
    public static RunDefaults ofProcess() {
        return new RunDefaults(System.getenv(), Path.of("").toAbsolutePath());
    }

    public String commit() {
        String v = firstVar(COMMIT_VARS);
        return v != null ? v : git("rev-parse", "HEAD");
    }

    public String branch() {
        String v = firstVar(BRANCH_VARS);
        if (v != null) {
            return v.startsWith("origin/") ? v.substring("origin/".length()) : v;
        }
        String b = git("rev-parse", "--abbrev-ref", "HEAD");
        return "HEAD".equals(b) ? "" : b; // a detached head has no branch
    }

    private String firstVar(List<String> names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    /** The one line git prints, or "" when this is no git repository or git is missing. */
    private String git(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", folder.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return p.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
