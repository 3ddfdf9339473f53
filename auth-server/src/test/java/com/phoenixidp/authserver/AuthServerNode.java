package com.phoenixidp.authserver;

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

/**
 * One auth-server node: the built jar ({@code target/auth-server.jar}, or system property
 * {@code phoenix.auth-server.jar}) run as a child process on a fixed port with the arguments the
 * test gives (data directory, datasource, issuer, config file). It can be killed with SIGKILL
 * ({@link Process#destroyForcibly()} on Linux) and started again with the same arguments, as an
 * operator's supervisor would. Output goes to {@code <name>.log} in the given directory.
 */
public final class AuthServerNode implements AutoCloseable {

    private final String name;

    private final int port;

    private final List<String> command;

    private final Path directory;

    private final Path log;

    private Process process;

    private boolean cleanEnvironment;

    private int healthPort;

    private AuthServerNode(String name, int port, List<String> command, Path directory) {
        this.name = name;
        this.port = port;
        this.command = List.copyOf(command);
        this.directory = directory;
        this.log = directory.resolve(name + ".log");
        this.healthPort = port;
    }

    /** The jar the nodes run; skips (or on CI fails) the test when it has not been built. */
    public static Path jar() {
        Path jar = Path.of(System.getProperty("phoenix.auth-server.jar", "target/auth-server.jar"))
                .toAbsolutePath();
        TestRequirements.require(
                Files.isRegularFile(jar),
                "the auth-server jar is not built (" + jar + "); these tests run in 'mvn verify' (failsafe)");
        return jar;
    }

    /** Launches a node (not waiting for it); call {@link #awaitHealthy()} next. */
    public static AuthServerNode launch(String name, int port, Path directory, List<String> args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx320m",
                "-Xss512k",
                "-XX:ReservedCodeCacheSize=64m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-jar",
                jar().toString(),
                "--server.port=" + port,
                "--phoenix.node-name=" + name,
                "--logging.level.phoenix.audit=WARN"));
        command.addAll(args);
        AuthServerNode node = new AuthServerNode(name, port, command, directory);
        node.launch();
        return node;
    }

    /**
     * Starts a node the way the README's quick start does: through {@code auth-server/phoenix-idp}
     * (its JVM options, and the extracted jar in {@code target/cds/} with its start-up cache and,
     * when the build made it, its Spring AOT code), with no {@code SPRING_*}, {@code PHOENIX_*} or
     * {@code JAVA_OPTS} from the test's environment; waits until it answers its health check (on
     * {@code healthPort}: the port or, when {@code args} give the management endpoints a port of
     * their own, that one). Only {@code --server.port} is added to {@code args}.
     */
    public static AuthServerNode startWithLauncher(
            String name, int port, int healthPort, Path directory, List<String> args) {
        Path launcher = Path.of("phoenix-idp").toAbsolutePath();
        TestRequirements.require(Files.isRegularFile(launcher), "auth-server/phoenix-idp not found (" + launcher + ")");
        List<String> command = new ArrayList<>(List.of("sh", launcher.toString(), "--server.port=" + port));
        command.addAll(args);
        AuthServerNode node = new AuthServerNode(name, port, command, directory);
        node.cleanEnvironment = true;
        node.healthPort = healthPort;
        node.launch();
        node.awaitHealthy();
        return node;
    }

    /** Launches a node and waits until it answers its health check. */
    public static AuthServerNode start(String name, int port, Path directory, List<String> args) {
        AuthServerNode node = launch(name, port, directory, args);
        node.awaitHealthy();
        return node;
    }

    private void launch() {
        try {
            ProcessBuilder builder = new ProcessBuilder(this.command)
                    .directory(this.directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
            if (this.cleanEnvironment) {
                builder.environment()
                        .keySet()
                        .removeIf(variable -> variable.startsWith("SPRING_")
                                || variable.startsWith("PHOENIX_")
                                || variable.equals("JAVA_OPTS"));
            }
            this.process = builder.start();
            Process started = this.process;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public String name() {
        return this.name;
    }

    public int port() {
        return this.port;
    }

    /** This node's own address (not through a load balancer). */
    public String baseUrl() {
        return "http://localhost:" + this.port;
    }

    public boolean isAlive() {
        return this.process != null && this.process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no connection pool closed, no database file closed. */
    public void kill() {
        this.process.destroyForcibly();
        waitFor(this.process, 30);
    }

    /** Starts the killed or stopped node again with the same arguments (same port, data, database). */
    public void restart() {
        if (isAlive()) {
            throw new IllegalStateException(this.name + " is still running");
        }
        launch();
        awaitHealthy();
    }

    /** Waits (up to 3 minutes) until {@code /actuator/health} answers UP. */
    public void awaitHealthy() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + this.healthPort + "/actuator/health"))
                .timeout(Duration.ofSeconds(5))
                .build();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            if (!this.process.isAlive()) {
                throw new IllegalStateException(
                        this.name + " exited with " + this.process.exitValue() + ":\n" + tail(8000));
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
        throw new IllegalStateException(this.name + " did not become healthy:\n" + tail(8000));
    }

    /** Everything the node printed, over all its starts. */
    public String log() {
        try {
            return Files.readString(this.log, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            return "(no log: " + ex.getMessage() + ")";
        }
    }

    public String tail(int chars) {
        String text = log();
        return (text.length() > chars) ? text.substring(text.length() - chars) : text;
    }

    @Override
    public void close() {
        if (this.process != null && this.process.isAlive()) {
            this.process.destroy();
            if (!waitFor(this.process, 20)) {
                this.process.destroyForcibly();
                waitFor(this.process, 10);
            }
        }
    }

    private static boolean waitFor(Process process, int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
