package com.phoenixidp.authserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up mistakes an operator makes most end in one clear report ("APPLICATION FAILED TO
 * START", what is wrong, what to do) and a non-zero exit, not in pages of stack traces: a
 * configuration file that is not valid YAML, an issuer that is no URL, a database that does not
 * answer, a data directory that cannot be created, and a second server started on a data directory
 * another one has open (which must not disturb the first).
 */
class StartupFailureIT {

    @TempDir
    Path dir;

    @Test
    void configurationWhenNotValidYamlThenOneReportWithTheLine() throws Exception {
        Path config = Files.writeString(this.dir.resolve("phoenix.yml"), "phoenix:\n  issuer: [unclosed\n");

        String output = failedStart("yaml", "--spring.config.additional-location=file:" + config);

        assertThat(output).contains("A configuration file is not valid YAML: expected ',' or ']'", "at line 3");
    }

    @Test
    void databaseWhenNothingListensThenOneReportNamingTheSetting() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        String output = failedStart(
                "unreachable",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + closedPort + "/phoenix",
                "--spring.datasource.username=phoenix",
                "--spring.datasource.password=not-a-real-password-0123");

        assertThat(output).contains("The database cannot be reached", "spring.datasource.url");
        assertThat(output).doesNotContain("not-a-real-password-0123");
    }

    @Test
    void issuerWhenNotAUrlThenOneReportNamingTheProperty() throws Exception {
        String output = failedStart("issuer", "--phoenix.issuer=id.example.com");

        assertThat(output).contains("phoenix.issuer", "the issuer must be an https (or, for development, http) URL");
    }

    @Test
    void dataDirectoryWhenItCannotBeCreatedThenOneReportNamingTheSetting() throws Exception {
        String output = failedStart("unwritable", "--phoenix.data-dir=/proc/phoenix-idp-test");

        assertThat(output)
                .contains(
                        "The data directory cannot be used: phoenix.data-dir /proc/phoenix-idp-test cannot be created");
    }

    @Test
    void dataDirectoryWhenAnotherServerHasItOpenThenOneReportAndTheFirstKeepsRunning() throws Exception {
        int port = TestPorts.findFreePort();
        try (AuthServerNode first = AuthServerNode.start("first", port, this.dir, common(port))) {
            String output = failedStart("second");

            assertThat(output).contains("The embedded database is in use by another process", "phoenix.data-dir");
            first.awaitHealthy();
        }
    }

    /** The server's start with the given arguments, which must fail; its whole output. */
    private String failedStart(String name, String... args) throws Exception {
        int port = TestPorts.findFreePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                AuthServerNode.jar().toString(),
                "--server.port=" + port));
        // the test's arguments replace the common ones of the same name (Spring would join both with a comma)
        Map<String, String> arguments = new LinkedHashMap<>();
        for (String argument : common(port)) {
            arguments.put(argument.substring(0, argument.indexOf('=')), argument);
        }
        for (String argument : args) {
            arguments.put(argument.substring(0, argument.indexOf('=')), argument);
        }
        command.addAll(arguments.values());
        Path log = this.dir.resolve(name + ".log");
        Process process = new ProcessBuilder(command)
                .directory(this.dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(name + ": the server neither started nor stopped within 3 minutes");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isNotZero();
        assertThat(output).contains("APPLICATION FAILED TO START");
        assertThat(output.lines().filter(line -> line.startsWith("\tat ")).count())
                .as("stack frames in:%n%s", output)
                .isZero();
        return output;
    }

    private List<String> common(int port) throws Exception {
        Path masterKey = this.dir.resolve("master.key");
        if (!Files.exists(masterKey)) {
            Files.writeString(masterKey, TestKeys.MASTER_KEY_BASE64);
        }
        return List.of(
                "--phoenix.issuer=http://localhost:" + port,
                "--phoenix.data-dir=" + this.dir.resolve("data"),
                "--phoenix.master-key-file=" + masterKey);
    }
}
