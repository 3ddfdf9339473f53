package com.phoenixidp.authserver.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench/PasskeyClient.java}, the software passkey with which {@code bench/crash.sh} checks
 * that acknowledged passkeys survive {@code kill -9}, run as that script runs it (the JDK's source
 * launcher) against the real server: what it records as registered is stored, each recorded
 * passkey signs its user in, and its check reports a passkey the server no longer has, or one
 * presented with the wrong key, as lost.
 */
class BenchPasskeyClientIntegrationTest extends AuthServerIntegrationTest {

    private static final Path CLIENT = Path.of("..", "bench", "PasskeyClient.java");

    @TempDir
    Path dir;

    @Test
    void registerThenVerifyWhenPasskeysStoredThenGoodAndWhenRemovedOrWrongKeyThenLost() throws Exception {
        Path password = Files.writeString(this.dir.resolve("password"), "bench-passkey-password-1\n");
        Path out = this.dir.resolve("passkeys.txt");
        Path stop = this.dir.resolve("stop");
        Path errors = this.dir.resolve("errors.txt");
        Path ready = this.dir.resolve("ready");

        Process register = start(
                "register",
                baseUrl(),
                "bench-passkey",
                password.toString(),
                out.toString(),
                stop.toString(),
                errors.toString(),
                ready.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (lines(out).size() < 3 && register.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Files.writeString(stop, "");
        assertThat(register.waitFor(60, TimeUnit.SECONDS))
                .as("the register loop stops")
                .isTrue();
        assertThat(register.exitValue()).as(output("register")).isZero();
        assertThat(ready).exists();
        assertThat(lines(errors)).as("errors").isEmpty();
        List<String> registered = lines(out);
        assertThat(registered).hasSizeGreaterThanOrEqualTo(3);
        for (String line : registered) {
            byte[] credentialId = Base64.getUrlDecoder().decode(line.split(" ")[0]);
            assertThat(this.jdbc.queryForObject(
                            "SELECT COUNT(*) FROM webauthn_credential WHERE credential_id = ? AND attestation_format = 'none'",
                            Integer.class,
                            credentialId))
                    .as("stored: " + line.split(" ")[0])
                    .isEqualTo(1);
        }

        // one passkey removed from the database, one presented with another passkey's private key
        String removed = registered.get(0).split(" ")[0];
        this.jdbc.update("DELETE FROM webauthn_credential WHERE credential_id = ?", (Object)
                Base64.getUrlDecoder().decode(removed));
        String[] second = registered.get(1).split(" ");
        String wrongKey = second[0] + " " + second[1] + " " + registered.get(2).split(" ")[2];
        List<String> check = new ArrayList<>(registered);
        check.add(wrongKey);
        Path in = Files.write(this.dir.resolve("check.txt"), check);

        Process verify = start("verify", baseUrl(), in.toString());
        assertThat(verify.waitFor(90, TimeUnit.SECONDS)).isTrue();
        List<String> report = output("verify").lines().toList();
        assertThat(verify.exitValue()).as(String.join("\n", report)).isZero();

        assertThat(report).hasSize(check.size());
        assertThat(report.get(0)).startsWith("lost " + removed + " 400");
        for (int i = 1; i < registered.size(); i++) {
            assertThat(report.get(i)).isEqualTo("good " + registered.get(i).split(" ")[0]);
        }
        assertThat(report.get(report.size() - 1)).startsWith("lost " + second[0] + " 400");
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(CLIENT.toString());
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(this.dir.resolve(args[0] + ".log").toFile())
                .start();
    }

    /** What the process in that mode printed (its output goes to {@code <mode>.log}). */
    private String output(String mode) throws IOException {
        Path log = this.dir.resolve(mode + ".log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file)
                ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList()
                : List.of();
    }
}
