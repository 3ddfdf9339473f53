package com.phoenixidp.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The built distribution as a user gets it: the zip is unpacked into a temporary folder outside the
 * source tree (file modes from the archive), {@code bin/phoenix-idp --spring.profiles.active=demo}
 * is started from another folder (after {@code bin/phoenix-idp cds-archive} made its start-up
 * cache: a class-data-sharing archive, or an AOT cache on Java 24+), a client-credentials token is
 * fetched with the real {@code curl}, and {@code bin/pki} and {@code bin/phoenix-admin} answer
 * {@code --help}. The launchers run with the JVM that runs this test ({@code JAVA_HOME}); with
 * {@code -Dphoenix.it.other-java-home=<a JDK>} of the other kind (24+ when this one is older, or
 * older), the cache is also made by and started with that one. Runs in {@code verify} (failsafe),
 * after {@code package} built the zip; a missing zip fails the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributionIT {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private Path workDir;
    private Path home;
    private Path elsewhere;
    private Path serverLog;
    private Process server;
    private int port;

    @BeforeAll
    void unpackAndStart() throws Exception {
        Path zip = Path.of(requiredProperty("distribution.zip"));
        assertThat(zip)
                .as("the distribution zip (built by `mvn package` in distribution/)")
                .isRegularFile();

        workDir = Files.createTempDirectory("phoenix-dist-");
        unzipWithModes(zip, workDir);
        try (Stream<Path> top = Files.list(workDir)) {
            List<Path> roots = top.toList();
            assertThat(roots).as("one top-level folder in the zip").hasSize(1);
            home = roots.get(0);
        }
        assertThat(home.getFileName().toString()).startsWith("phoenix-idp-");
        elsewhere = Files.createDirectories(workDir.resolve("elsewhere"));
        serverLog = workDir.resolve("phoenix-idp.log");

        // proves that conf/phoenix.yml is read: a setting the test can see in the token response
        Files.writeString(
                home.resolve("conf/phoenix.yml"),
                "\nphoenix:\n  tokens:\n    access-token-ttl: 7m\n",
                StandardOpenOption.APPEND);

        // the start-up cache, made for this JVM where the distribution is unpacked
        Path javaHome = Path.of(System.getProperty("java.home"));
        Result cds = run(List.of(home.resolve("bin/phoenix-idp").toString(), "cds-archive"), elsewhere, javaHome);
        assertThat(cds.exitCode()).as(cds.output()).isZero();
        assertThat(home.resolve("lib/auth-server/" + cacheFile(Runtime.version().feature())))
                .isRegularFile();
        assertThat(home.resolve("lib/auth-server/" + cacheFile(Runtime.version().feature() >= 24 ? 17 : 25)))
                .as("only the cache this Java uses")
                .doesNotExist();

        port = freePort();
        server = startServer(javaHome, port, serverLog);
        awaitHealthy(server, port, serverLog);
    }

    /** Java 24+ gets an AOT cache, older ones a class-data-sharing archive. */
    private static String cacheFile(int javaFeature) {
        return (javaFeature >= 24) ? "app.aot" : "application.jsa";
    }

    /** bin/phoenix-idp with the demo profile, started from another folder with {@code javaHome}. */
    private Process startServer(Path javaHome, int serverPort, Path log, String... more) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/phoenix-idp").toString(),
                "--spring.profiles.active=demo",
                "--server.port=" + serverPort));
        command.addAll(List.of(more));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(elsewhere.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("PHOENIX_CONFIG");
        builder.environment().remove("PHOENIX_MASTER_KEY");
        builder.environment().put("JAVA_HOME", javaHome.toString());
        return builder.start();
    }

    @AfterAll
    void stopAndCleanUp() throws Exception {
        if (server != null) {
            List<ProcessHandle> tree = new ArrayList<>(server.descendants().toList());
            tree.add(server.toHandle());
            tree.forEach(ProcessHandle::destroy);
            for (ProcessHandle process : tree) {
                try {
                    process.onExit().get(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    process.destroyForcibly();
                }
            }
        }
        if (workDir != null) {
            try (Stream<Path> paths = Files.walk(workDir)) {
                paths.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void archivesWhenUnpackedThenHoldTheLayoutWithExecutableLaunchers() throws Exception {
        for (String file : List.of(
                "bin/phoenix-idp",
                "bin/phoenix-admin",
                "bin/pki",
                "lib/auth-server/auth-server.jar",
                "lib/auth-server/cds-archive.sh",
                "lib/pki.jar",
                "lib/phoenix-admin.jar",
                "conf/phoenix.yml",
                "LICENSE",
                "README.md",
                "THIRD-PARTY",
                "bom.json")) {
            assertThat(home.resolve(file)).as(file).isRegularFile();
        }
        for (String launcher : List.of("bin/phoenix-idp", "bin/phoenix-admin", "bin/pki")) {
            assertThat(Files.isExecutable(home.resolve(launcher)))
                    .as(launcher + " executable")
                    .isTrue();
        }
        try (Stream<Path> libraries = Files.list(home.resolve("lib/auth-server/lib"))) {
            assertThat(libraries.map(path -> path.getFileName().toString()))
                    .as("the auth-server's libraries, extracted")
                    .anyMatch(name -> name.startsWith("spring-boot-4"));
        }
        assertThat(Files.readString(home.resolve("LICENSE"))).contains("Apache License", "Version 2.0");
        assertThat(Files.readString(home.resolve("THIRD-PARTY")))
                .contains(
                        "org.springframework.boot:spring-boot:",
                        "org.bouncycastle:bcprov-jdk18on:",
                        "info.picocli:picocli:");
        assertThat(Files.readString(home.resolve("bom.json"))).contains("\"bomFormat\"", "CycloneDX", "pkg:maven/");

        // the tar.gz carries the same modes (read by the real tar)
        Path tar = Path.of(requiredProperty("distribution.tar"));
        assertThat(tar).isRegularFile();
        Result listing = run(List.of("tar", "-tvzf", tar.toString()), elsewhere);
        assertThat(listing.exitCode()).isZero();
        assertThat(listing.output())
                .containsPattern("-rwxr-xr-x .*/bin/phoenix-idp")
                .containsPattern("-rwxr-xr-x .*/bin/pki")
                .containsPattern("-rwxr-xr-x .*/bin/phoenix-admin")
                .containsPattern("-rw-r--r-- .*/lib/auth-server/auth-server.jar")
                .doesNotContain("application.jsa");
    }

    @Test
    @Order(2)
    void demoWhenStartedFromAnotherFolderThenKeepsItsDataBesideBinAndIssuesTokens() throws Exception {
        Path secret = home.resolve("data/secrets/demo-service.secret");
        assertThat(secret).as("the demo's secrets under <unpacked>/data").isRegularFile();
        assertThat(home.resolve("data/master.key")).isRegularFile();
        assertThat(elsewhere.resolve("data"))
                .as("nothing written to the current directory")
                .doesNotExist();
        assertThat(Files.readString(serverLog))
                .as("the JVM took the archive without a warning")
                .doesNotContain("[cds]", "[aot]", "shared archive", "AOT cache", "restricted method");
        assertThat(String.join(" ", server.info().arguments().orElse(new String[0])))
                .as("the JVM's arguments")
                .contains(
                        (Runtime.version().feature() >= 24)
                                ? "-XX:AOTCache=" + home.resolve("lib/auth-server/app.aot")
                                : "-XX:SharedArchiveFile=" + home.resolve("lib/auth-server/application.jsa"));

        Result token = run(
                List.of(
                        "curl",
                        "-s",
                        "-S",
                        "-u",
                        "demo-service:" + Files.readString(secret).trim(),
                        "-d",
                        "grant_type=client_credentials",
                        "-d",
                        "scope=api.read",
                        "http://localhost:" + port + "/oauth2/token"),
                elsewhere);
        assertThat(token.exitCode()).as(token.output()).isZero();
        assertThat(token.output())
                .contains("\"access_token\":\"ey", "\"token_type\":\"Bearer\"", "\"scope\":\"api.read\"")
                // 7 minutes, from the line the test added to conf/phoenix.yml (the default is 5)
                .containsPattern("\"expires_in\":4(19|20)\\b");
    }

    @Test
    @Order(3)
    void pkiWhenAskedForHelpThenPrintsItsCommands() throws Exception {
        Result help = run(List.of(home.resolve("bin/pki").toString(), "--help"), elsewhere);

        assertThat(help.exitCode()).as(help.output()).isZero();
        assertThat(help.output()).contains("Usage: pki", "certificate authority");
    }

    @Test
    @Order(4)
    void pkiWhenStartedThroughASymbolicLinkThenFindsItsJar() throws Exception {
        Path link = Files.createSymbolicLink(elsewhere.resolve("pki"), home.resolve("bin/pki"));

        Result help = run(List.of(link.toString(), "--help"), elsewhere);

        assertThat(help.exitCode()).as(help.output()).isZero();
        assertThat(help.output()).contains("Usage: pki");
    }

    @Test
    @Order(5)
    void phoenixAdminWhenAskedForHelpThenPrintsItsUsage() throws Exception {
        Result help = run(List.of(home.resolve("bin/phoenix-admin").toString(), "--help"), elsewhere);

        assertThat(help.exitCode()).as(help.output()).isZero();
        assertThat(help.output()).contains("Usage: phoenix-admin");
    }

    @Test
    @Order(6)
    void startUpCacheWhenMadeByTheOtherKindOfJavaThenUsedByThatOneAndIgnoredByThisOne() throws Exception {
        String other = System.getProperty("phoenix.it.other-java-home", "");
        assumeTrue(!other.isBlank(), "-Dphoenix.it.other-java-home=<JDK> not given");
        Path otherHome = Path.of(other);
        Path thisHome = Path.of(System.getProperty("java.home"));
        int otherFeature = javaFeature(otherHome);
        int thisFeature = Runtime.version().feature();
        assertThat(otherFeature >= 24)
                .as("phoenix.it.other-java-home: a JDK of the other kind (24+ or older) than this one, Java "
                        + thisFeature)
                .isNotEqualTo(thisFeature >= 24);

        Result cds = run(List.of(home.resolve("bin/phoenix-idp").toString(), "cds-archive"), elsewhere, otherHome);
        assertThat(cds.exitCode()).as(cds.output()).isZero();
        Path cache = home.resolve("lib/auth-server/" + cacheFile(otherFeature));
        assertThat(cache).isRegularFile();
        assertThat(home.resolve("lib/auth-server/" + cacheFile(thisFeature)))
                .as("the previous cache, replaced")
                .doesNotExist();

        // another data directory: the server started before still holds its own
        Path data = workDir.resolve("data-other-java");
        for (Path javaHome : List.of(otherHome, thisHome)) {
            int serverPort = freePort();
            Path log = workDir.resolve("phoenix-idp-" + javaFeature(javaHome) + ".log");
            Process process = startServer(javaHome, serverPort, log, "--phoenix.data-dir=" + data);
            try {
                awaitHealthy(process, serverPort, log);
                assertThat(Files.readString(log))
                        .as("Java %d, with a cache made by Java %d: no warning", javaFeature(javaHome), otherFeature)
                        .doesNotContain("[cds]", "[aot]", "shared archive", "AOT cache", "restricted method");
                String arguments = String.join(" ", process.info().arguments().orElse(new String[0]));
                if (javaHome.equals(otherHome) || otherFeature < 24) {
                    // its own cache; or an archive this Java ignores by itself
                    assertThat(arguments)
                            .contains((otherFeature >= 24 ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + cache);
                } else {
                    // an older Java would refuse -XX:AOTCache: the launcher leaves it out
                    assertThat(arguments).doesNotContain("AOTCache");
                }
            } finally {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    /** The feature version in a JDK's release file ({@code JAVA_VERSION="25.0.3"}: 25). */
    private static int javaFeature(Path javaHome) throws IOException {
        for (String line : Files.readAllLines(javaHome.resolve("release"))) {
            if (line.startsWith("JAVA_VERSION=\"")) {
                String version = line.substring("JAVA_VERSION=\"".length());
                return Integer.parseInt(version.split("[.\"]", 2)[0]);
            }
        }
        throw new IllegalArgumentException("no JAVA_VERSION in " + javaHome.resolve("release"));
    }

    private static void awaitHealthy(Process process, int serverPort, Path log) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + serverPort + "/actuator/health"))
                .timeout(Duration.ofSeconds(5))
                .build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail("bin/phoenix-idp exited with " + process.exitValue() + ":\n" + logTail(log));
            }
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        fail("bin/phoenix-idp did not become healthy within " + START_TIMEOUT + ":\n" + logTail(log));
    }

    private static String logTail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Unpacks with java.util.zip's file system, keeping the Unix modes stored in the archive. */
    private static void unzipWithModes(Path zip, Path target) throws IOException {
        try (FileSystem archive = FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", "true"));
                Stream<Path> entries = Files.walk(archive.getPath("/"))) {
            for (Path entry : entries.toList()) {
                Path out = target.resolve(entry.toString().substring(1));
                if (Files.isDirectory(entry)) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = Files.newInputStream(entry)) {
                    Files.copy(in, out);
                }
                Set<PosixFilePermission> modes = Files.getPosixFilePermissions(entry);
                Files.setPosixFilePermissions(out, modes);
            }
        }
    }

    private static Result run(List<String> command, Path directory) throws Exception {
        return run(command, directory, Map.of());
    }

    private static Result run(List<String> command, Path directory, Path javaHome) throws Exception {
        return run(command, directory, Map.of("JAVA_HOME", javaHome.toString()));
    }

    /** Runs {@code command} to its end, with {@code environment} added to this process's. */
    private static Result run(List<String> command, Path directory, Map<String, String> environment) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(command + " did not finish");
        }
        return new Result(process.exitValue(), output);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        assertThat(value)
                .as("system property " + name + " (set by the distribution pom)")
                .isNotBlank();
        return value;
    }

    private record Result(int exitCode, String output) {}
}
