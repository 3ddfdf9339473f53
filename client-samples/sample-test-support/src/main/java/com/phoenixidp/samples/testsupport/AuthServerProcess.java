package com.phoenixidp.samples.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Phoenix auth-server, started from its built jar ({@code auth-server/target/auth-server.jar})
 * as a child process on a free port, with a fresh data directory, a master key file and a bootstrap
 * YAML written by the test (exactly the users and clients the sample needs). The samples reach it
 * over HTTP only, as in a real deployment. Tests are skipped (with a message) only when the jar has
 * not been built.
 */
public final class AuthServerProcess implements AutoCloseable {

    private final Process process;

    private final Path dir;

    private final Path log;

    private final int port;

    private AuthServerProcess(Process process, Path dir, Path log, int port) {
        this.process = process;
        this.dir = dir;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the server with this bootstrap YAML (the text under {@code phoenix.bootstrap}, see
     * {@link Bootstrap}) and extra {@code --name=value} arguments, and waits until it is healthy.
     */
    public static AuthServerProcess start(Bootstrap bootstrap, String... extraArgs) {
        return start(freePort(), bootstrap, extraArgs);
    }

    public static AuthServerProcess start(int port, Bootstrap bootstrap, String... extraArgs) {
        Path jar = locateJar();
        Assumptions.assumeTrue(
                jar != null && Files.isRegularFile(jar),
                "auth-server jar not built (expected auth-server/target/auth-server.jar): run "
                        + "'mvn -B -pl crypto,webauthn,auth-server install -DskipTests' or the whole reactor build first");
        try {
            Path dir = Files.createTempDirectory("phoenix-sample-idp-");
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path masterKey = dir.resolve("master.key");
            Files.writeString(masterKey, Base64.getEncoder().encodeToString(key));
            Path config = dir.resolve("bootstrap.yml");
            Files.writeString(config, bootstrap.yaml(), StandardCharsets.UTF_8);
            Path log = dir.resolve("auth-server.log");
            List<String> command = new ArrayList<>(List.of(
                    Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m",
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-jar",
                    jar.toString(),
                    "--server.port=" + port,
                    "--phoenix.issuer=http://localhost:" + port,
                    "--phoenix.data-dir=" + dir.resolve("data"),
                    "--phoenix.master-key-file=" + masterKey,
                    "--phoenix.password.bcrypt-cost=10",
                    "--spring.config.additional-location=file:" + config));
            command.addAll(List.of(extraArgs));
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            AuthServerProcess server = new AuthServerProcess(process, dir, log, port);
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            server.awaitHealthy(Duration.ofMinutes(2));
            return server;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public int port() {
        return this.port;
    }

    /** The issuer, e.g. {@code http://localhost:41234} (always {@code localhost}: cookies, passkeys). */
    public String issuer() {
        return "http://localhost:" + this.port;
    }

    /** The server's console output so far (for assertion messages). */
    public String log() {
        try {
            return Files.readString(this.log, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            return "(no log: " + ex.getMessage() + ")";
        }
    }

    private void awaitHealthy(Duration timeout) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest health = HttpRequest.newBuilder(URI.create(issuer() + "/actuator/health"))
                .timeout(Duration.ofSeconds(5))
                .build();
        while (Instant.now().isBefore(deadline)) {
            if (!this.process.isAlive()) {
                throw new IllegalStateException("auth-server exited with " + this.process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("UP")) {
                    return;
                }
            } catch (IOException ex) {
                // not listening yet
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(250);
        }
        close();
        throw new IllegalStateException("auth-server did not become healthy within " + timeout + ":\n" + tail());
    }

    private String tail() {
        String text = log();
        return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
    }

    @Override
    public void close() {
        this.process.destroy();
        try {
            if (!this.process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                this.process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException ex) {
            this.process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteQuietly(this.dir);
    }

    /** A free TCP port on this machine (closed again; a race with other programs is possible but rare). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** {@code <repo>/auth-server/target/auth-server.jar}, looking up from the working directory. */
    static @Nullable Path locateJar() {
        String explicit = System.getProperty("phoenix.auth-server.jar");
        if (explicit != null && !explicit.isBlank()) {
            return Paths.get(explicit);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path jar = dir.resolve("auth-server").resolve("target").resolve("auth-server.jar");
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        return null;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
        } catch (IOException ex) {
            // best effort: a temp dir
        }
    }
}
