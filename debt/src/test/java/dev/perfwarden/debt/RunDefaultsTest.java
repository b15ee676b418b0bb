package dev.perfwarden.debt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RunDefaultsTest {
    @TempDir
    Path tmp;

    @Test
    void ciVariablesComeFirstInTheDocumentedOrder() {
        RunDefaults gh = new RunDefaults(Map.of("GITHUB_SHA", "abc", "GITHUB_REF_NAME", "main", "GITHUB_HEAD_REF", "feature",
                "GIT_COMMIT", "other"), tmp);
        assertThat(gh.commit()).isEqualTo("abc");
        assertThat(gh.branch()).isEqualTo("feature"); // a pull request's own branch, not the merge ref
        RunDefaults jenkins = new RunDefaults(Map.of("GIT_COMMIT", "def", "GIT_BRANCH", "origin/release"), tmp);
        assertThat(jenkins.commit()).isEqualTo("def");
        assertThat(jenkins.branch()).isEqualTo("release");
        RunDefaults gitlab = new RunDefaults(Map.of("CI_COMMIT_SHA", "123", "CI_COMMIT_REF_NAME", "dev",
                "GITHUB_SHA", " "), tmp);
        assertThat(gitlab.commit()).isEqualTo("123");
        assertThat(gitlab.branch()).isEqualTo("dev");
    }

    @Test
    void elseTheGitRepositoryOfTheFolder() throws Exception {
        assertThat(new RunDefaults(Map.of(), tmp).commit()).isEmpty(); // no repository: none
        git("init", "-q", "-b", "perf-work");
        Files.writeString(tmp.resolve("a.txt"), "a");
        git("add", "a.txt");
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "a");
        RunDefaults d = new RunDefaults(Map.of(), tmp);
        assertThat(d.commit()).matches("[0-9a-f]{40}");
        assertThat(d.branch()).isEqualTo("perf-work");
        git("checkout", "-q", "--detach");
        assertThat(new RunDefaults(Map.of(), tmp).branch()).isEmpty(); // a detached head has no branch
    }

    private void git(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", tmp.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }
}
