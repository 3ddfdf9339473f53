package com.phoenixidp.authserver.federation;

import static org.assertj.core.api.Assertions.fail;

import com.phoenixidp.authserver.TestKeys;
import com.phoenixidp.authserver.TestPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A second Phoenix IdP as an upstream provider: the built {@code auth-server.jar} started as a
 * child process on its own port, data directory and bootstrap file, with its own session cookie
 * name ({@code UPSTREAMSESSION}: browsers share cookies across the ports of one host, and both
 * servers run on {@code localhost}). Missing jar: the test is skipped, or fails under {@code CI=true}.
 */
final class UpstreamPhoenix implements AutoCloseable {

    private final Process process;

    private final Path dir;

    private final int port;

    private UpstreamPhoenix(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** {@code bootstrapYaml}: the text under {@code phoenix:} (users, clients). */
    static UpstreamPhoenix start(String bootstrapYaml) {
        Path jar = jar();
        if (!Files.isRegularFile(jar)) {
            String message = "auth-server jar not built (" + jar + "): run 'mvn -B -q -pl auth-server -am package"
                    + " -DskipTests' first; 'mvn verify' runs this test after package";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.assumeTrue(false, message);
        }
        try {
            int port = TestPorts.findFreePort();
            Path dir = Files.createTempDirectory("phoenix-upstream-");
            Path masterKey = dir.resolve("master.key");
            Files.writeString(masterKey, TestKeys.MASTER_KEY_BASE64);
            Path config = dir.resolve("upstream.yml");
            Files.writeString(config, "phoenix:\n" + bootstrapYaml, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-jar",
                    jar.toString(),
                    "--server.port=" + port,
                    "--phoenix.issuer=http://localhost:" + port,
                    "--phoenix.data-dir=" + dir.resolve("data"),
                    "--phoenix.master-key-file=" + masterKey,
                    "--phoenix.password.bcrypt-cost=10",
                    "--server.servlet.session.cookie.name=UPSTREAMSESSION",
                    "--spring.config.additional-location=file:" + config));
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("upstream.log").toFile())
                    .start();
            UpstreamPhoenix upstream = new UpstreamPhoenix(process, dir, port);
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            upstream.awaitHealthy(Duration.ofSeconds(180));
            return upstream;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    String issuer() {
        return "http://localhost:" + this.port;
    }

    String log() {
        try {
            return Files.readString(this.dir.resolve("upstream.log"));
        } catch (IOException ex) {
            return "(no log)";
        }
    }

    private static Path jar() {
        String configured = System.getProperty("phoenix.auth-server.jar");
        return (configured != null && !configured.isBlank())
                ? Path.of(configured)
                : Path.of("target", "auth-server.jar").toAbsolutePath();
    }

    private void awaitHealthy(Duration timeout) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(issuer() + "/actuator/health"))
                .timeout(Duration.ofSeconds(5))
                .build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!this.process.isAlive()) {
                throw new IllegalStateException("the upstream IdP exited: " + log());
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException ex) {
                // not listening yet
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("the upstream IdP did not become healthy: " + log());
    }

    @Override
    public void close() {
        this.process.destroy();
        try {
            if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
                this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException ex) {
            this.process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
