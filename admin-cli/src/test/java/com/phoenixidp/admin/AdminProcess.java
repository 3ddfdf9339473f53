package com.phoenixidp.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command ({@code java -jar phoenix-admin.jar}, the launcher) as a child process with its
 * own environment ({@code PHOENIX_*} of the build's environment removed) and standard input; every
 * run checks that neither the forbidden secret nor a JWT was printed.
 */
final class AdminProcess {

    /** What a process printed, and its exit status. */
    record Run(int status, String out, String err) {}

    private final List<String> command;

    private final Map<String, String> environment = new HashMap<>();

    private String stdin = "";

    private String forbidden = "\u0000never printed\u0000";

    AdminProcess(List<String> command) {
        this.command = command;
    }

    AdminProcess env(String name, String value) {
        this.environment.put(name, value);
        return this;
    }

    /** A value (the admin secret) that must never appear in what the process prints. */
    AdminProcess forbid(String value) {
        this.forbidden = value;
        return this;
    }

    AdminProcess stdin(String text) {
        this.stdin = text;
        return this;
    }

    Run run(String... args) {
        List<String> full = new ArrayList<>(this.command);
        full.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("phoenix-admin-", ".out");
            Path err = Files.createTempFile("phoenix-admin-", ".err");
            ProcessBuilder builder =
                    new ProcessBuilder(full).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().keySet().removeIf((name) -> name.startsWith("PHOENIX_"));
            this.environment.forEach((name, value) -> {
                if (value != null) {
                    builder.environment().put(name, value);
                }
            });
            Process process = builder.start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(this.stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("phoenix-admin " + String.join(" ", args) + " did not finish in 60 s");
            }
            Run run = new Run(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            assertThat(run.out + run.err)
                    .as("never the admin secret or a JWT (access token)")
                    .doesNotContain(this.forbidden)
                    .doesNotContain("eyJ");
            return run;
        } catch (IOException ex) {
            throw new AssertionError("cannot run " + full, ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        }
    }
}
