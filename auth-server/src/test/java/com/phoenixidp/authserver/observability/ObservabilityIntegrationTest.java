package com.phoenixidp.authserver.observability;

import static com.phoenixidp.authserver.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import com.phoenixidp.authserver.PhoenixAuthServerApplication;
import com.phoenixidp.authserver.TestKeys;
import com.phoenixidp.authserver.TestPorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One application started the way an operator runs it in production, as its own process (so its
 * console, in ECS JSON, is its own), with the observability settings on: traces to a real
 * OTLP/HTTP receiver in this test ({@code
 * management.opentelemetry.tracing.export.otlp.endpoint}), a separate management port, ECS JSON
 * console logs, and its database behind an H2 TCP server in this test, which the last test stops
 * to take the database away. (One start for all of these: starting the application is the slow
 * part.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityIntegrationTest {

    private final OtlpReceiver receiver = new OtlpReceiver();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Path dataDir;

    private Server database;

    private Process app;

    private Path console;

    private int port;

    private int managementPort;

    @BeforeAll
    void start() throws Exception {
        this.dataDir = Files.createTempDirectory("phoenix-observability-");
        Path masterKey = this.dataDir.resolve("master.key");
        Files.writeString(masterKey, TestKeys.MASTER_KEY_BASE64);
        this.database = Server.createTcpServer(
                        "-tcpPort",
                        String.valueOf(TestPorts.findFreePort()),
                        "-baseDir",
                        this.dataDir.toString(),
                        "-ifNotExists")
                .start();
        this.port = TestPorts.findFreePort();
        this.managementPort = TestPorts.findFreePort();
        this.console = this.dataDir.resolve("console.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                PhoenixAuthServerApplication.class.getName(),
                "--spring.profiles.active=test",
                "--server.port=" + this.port,
                "--phoenix.issuer=http://localhost:" + this.port,
                "--phoenix.data-dir=" + this.dataDir,
                "--phoenix.master-key-file=" + masterKey,
                "--spring.datasource.url=jdbc:h2:tcp://127.0.0.1:" + this.database.getPort() + "/phoenix",
                "--management.server.port=" + this.managementPort,
                "--management.server.address=127.0.0.1",
                "--management.opentelemetry.tracing.export.otlp.endpoint=" + this.receiver.endpoint(),
                "--management.opentelemetry.tracing.export.schedule-delay=200ms",
                "--management.tracing.sampling.probability=1.0",
                "--logging.structured.format.console=ecs"));
        this.app = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(this.console.toFile())
                .start();
        awaitReady(Duration.ofSeconds(240));
    }

    @AfterAll
    void stop() {
        if (this.app != null) {
            this.app.destroy();
            try {
                if (!this.app.waitFor(30, TimeUnit.SECONDS)) {
                    this.app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException ex) {
                this.app.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (this.database != null) {
            stopDatabase();
        }
        this.receiver.close();
    }

    @Test
    @Order(1)
    void tokenRequestWhenOtlpEndpointSetThenServerSpanWithDatabaseAndSigningChildSpansReachTheReceiver() {
        Response token = client().clientCredentialsBasic(SERVICE, SERVICE_SECRET, "api.read");
        assertThat(token.status()).as(token.body()).isEqualTo(200);

        OtlpReceiver.Span signing = awaitSpan((s) -> s.name().equals("phoenix.jwt sign"));
        List<OtlpReceiver.Span> trace = trace(signing.traceId());

        OtlpReceiver.Span root = trace.stream()
                .filter((s) -> s.parentSpanId().isEmpty())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no root span in " + trace));
        assertThat(root.name()).startsWith("http post");
        assertThat(signing.parentSpanId()).isNotEmpty();
        assertThat(trace)
                .as("the token request's database work: " + trace)
                .anyMatch((s) -> s.name().startsWith("db ") && !s.parentSpanId().isEmpty());
        assertThat(this.receiver.contentTypes()).allMatch((type) -> type.startsWith("application/x-protobuf"));
    }

    @Test
    @Order(2)
    void signInWhenTracedThenPasswordVerificationIsAChildSpanOfTheLoginRequest() {
        assertThat(OAuthTestClient.loginSucceeded(client().login(ALICE, ALICE_PASSWORD)))
                .isTrue();

        OtlpReceiver.Span verify = awaitSpan((s) -> s.name().equals("phoenix.password verify"));

        assertThat(trace(verify.traceId()))
                .anyMatch((s) -> s.parentSpanId().isEmpty() && s.name().startsWith("http post"));
    }

    @Test
    @Order(3)
    void prometheusWhenSeparateManagementPortThenOpenThereWithoutToken() throws Exception {
        HttpResponse<String> scrape = get(management("/actuator/prometheus"));

        assertThat(scrape.statusCode()).isEqualTo(200);
        PrometheusScrape metrics = PrometheusScrape.parse(scrape.body());
        assertThat(metrics.value(
                        "phoenix_tokens_issued_total", "client_id", SERVICE, "grant_type", "client_credentials"))
                .isGreaterThanOrEqualTo(1);
        assertThat(get(management("/actuator/health/readiness")).statusCode()).isEqualTo(200);
        assertThat(get("http://127.0.0.1:" + this.port + "/actuator/prometheus").statusCode())
                .as("not open on the main port")
                .isNotEqualTo(200);
    }

    @Test
    @Order(4)
    void auditEventWhenEcsConsoleLogsThenOneJsonLineWithTheAuditAttributesAsFields() throws Exception {
        Response token = client().clientCredentialsBasic(SERVICE, SERVICE_SECRET, "api.write");
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        String accessToken = (String) token.json().get("access_token");

        JsonMapper json = JsonMapper.builder().build();
        awaitConsole("\"api.write\"");
        String output = Files.readString(this.console);
        Optional<JsonNode> line = output.lines()
                .filter((l) -> l.startsWith("{"))
                .map((l) -> json.readTree(l))
                .filter((n) -> "token.issued"
                                .equals(n.path("audit").path("event").asString(""))
                        && "api.write".equals(n.path("audit").path("scope").asString("")))
                .findFirst();

        assertThat(line)
                .as("an ECS JSON line of the token.issued audit event in:%n%s", output)
                .isPresent();
        JsonNode event = line.get();
        assertThat(event.path("audit").path("client_id").asString("")).isEqualTo(SERVICE);
        assertThat(event.path("audit").path("grant").asString("")).isEqualTo("client_credentials");
        assertThat(event.path("log").path("logger").asString("")).isEqualTo("phoenix.audit");
        assertThat(event.path("log").path("level").asString("")).isEqualTo("INFO");
        assertThat(event.path("ecs").path("version").asString("")).isNotEmpty();
        assertThat(event.path("message").asString("")).startsWith("event=token.issued");
        assertThat(output.lines().filter((l) -> !l.startsWith("{")).toList())
                .as("no audit line in plain text")
                .allMatch((l) -> !l.contains("phoenix.audit"));
        assertThat(output).doesNotContain(SERVICE_SECRET).doesNotContain(accessToken);
    }

    @Test
    @Order(5)
    void backupWhenDatabaseIsNotEmbeddedH2Then501PointingAtPgDump() {
        OAuthTestClient client = client();
        Response token = client.clientCredentialsBasic(ADMIN_TOOL, ADMIN_TOOL_SECRET, "phoenix.admin");
        assertThat(token.status()).as(token.body()).isEqualTo(200);

        Response backup = client.post(
                "/admin/backup",
                null,
                "",
                "Authorization",
                "Bearer " + token.json().get("access_token"));

        assertThat(backup.status()).isEqualTo(501);
        assertThat(backup.json()).containsEntry("error", "unsupported");
        assertThat((String) backup.json().get("error_description")).contains("pg_dump");
    }

    @Test
    @Order(9)
    void readinessWhenDatabaseGoneThenDownWithinTwoSecondsAndLivenessStaysUp() throws Exception {
        assertThat(get(management("/actuator/health/readiness")).statusCode()).isEqualTo(200);

        stopDatabase();

        HttpRequest readiness = HttpRequest.newBuilder(URI.create(management("/actuator/health/readiness")))
                .timeout(Duration.ofSeconds(2))
                .build();
        HttpResponse<String> answer = this.http.send(readiness, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.body()).contains("DOWN");
        // asked again while the first check may still wait for the pool: still answered in time
        assertThat(this.http
                        .send(readiness, HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(503);
        assertThat(get(management("/actuator/health/liveness")).statusCode()).isEqualTo(200);
    }

    private void awaitReady(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!this.app.isAlive()) {
                throw new AssertionError("the server exited with " + this.app.exitValue() + ":\n" + tail());
            }
            try {
                if (get(management("/actuator/health/readiness")).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException ex) {
                // not listening yet
            }
            sleep(250);
        }
        throw new AssertionError("the server was not ready within " + timeout + ":\n" + tail());
    }

    /** Waits (the console is written asynchronously) for a line containing {@code text}. */
    private void awaitConsole(String text) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)
                && Files.readString(this.console).lines().noneMatch((l) -> l.contains(text))) {
            sleep(100);
        }
    }

    private String tail() {
        try {
            String text = Files.readString(this.console);
            return (text.length() > 6000) ? text.substring(text.length() - 6000) : text;
        } catch (java.io.IOException ex) {
            return "(no console: " + ex.getMessage() + ")";
        }
    }

    private OtlpReceiver.Span awaitSpan(Predicate<OtlpReceiver.Span> wanted) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            Optional<OtlpReceiver.Span> found =
                    this.receiver.spans().stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                // the rest of its trace comes in the same or the next export
                sleep(1000);
                return found.get();
            }
            sleep(100);
        }
        throw new AssertionError("span not received; received: " + this.receiver.spans());
    }

    private List<OtlpReceiver.Span> trace(String traceId) {
        return this.receiver.spans().stream()
                .filter((s) -> s.traceId().equals(traceId))
                .toList();
    }

    private OAuthTestClient client() {
        return new OAuthTestClient("http://localhost:" + this.port);
    }

    private String management(String path) {
        return "http://127.0.0.1:" + this.managementPort + path;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return this.http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the H2 TCP server and closes every session it serves. H2 checks with a Java assertion
     * (on in tests, {@code -ea}) that a clean close of its store leaves no version in use; a session of
     * the IdP's pool busy at that moment trips it ({@code AssertionError: 15 != 16} in
     * {@code MVStore.closeStore}, seen once in CI) and the error ends {@code stop()} before it closed
     * the other sessions. The store is closed by then (H2 closes the file in a {@code finally}), so
     * {@code stop()} is called again for the sessions left.
     */
    private void stopDatabase() {
        for (int attempt = 1; ; attempt++) {
            try {
                this.database.stop();
                return;
            } catch (AssertionError ex) {
                if (attempt == 5) {
                    throw ex;
                }
            }
        }
    }
}
