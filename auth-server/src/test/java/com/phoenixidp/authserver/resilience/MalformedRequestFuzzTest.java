package com.phoenixidp.authserver.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.TestPorts;
import com.phoenixidp.authserver.resilience.FuzzTarget.Family;
import com.phoenixidp.authserver.resilience.RawHttp.Answer;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestContextManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * No input yields a 500: jqwik generates malformed requests for every endpoint (see
 * {@link FuzzTarget#ALL} and {@link FuzzRequests}) and sends them over a raw socket to the running
 * application. Every answer is a 4xx (or 2xx/3xx; 501 only for an unknown method or transfer
 * coding, RFC 9110), in the protocol's error format where there is a JSON body, with no stack
 * trace; nothing is logged at ERROR; afterwards the server is healthy and its heap has not grown.
 *
 * <p>jqwik runs on its own JUnit Platform engine, so this is not a Spring test class: the
 * application is the one every {@link AuthServerIntegrationTest} shares, fetched from Spring's
 * context cache through a {@link TestContextManager} for a holder subclass with the same
 * configuration (so the suite still starts it once). In the normal build it runs a fixed seed and
 * {@value #TRIES} tries; a longer run on demand: {@code -Dphoenix.fuzz.tries=100000} (and
 * {@code -Dphoenix.fuzz.seed=...} for another sequence).
 */
class MalformedRequestFuzzTest {

    static final int TRIES = 400;

    /** Heap growth (after a full GC) that counts as not flat over a run. */
    private static final long MAX_HEAP_GROWTH = 128L * 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Queue<ILoggingEvent> ERRORS = new ConcurrentLinkedQueue<>();

    private static final ErrorCapture CAPTURE = new ErrorCapture();

    private static FuzzClient client;

    private static RawHttp http;

    private static long heapBefore;

    private static java.util.Map<String, Long> histogramBefore;

    /** The configuration of every integration test; only used to find the shared application. */
    static final class Application extends AuthServerIntegrationTest {}

    @BeforeContainer
    static void startApplication() throws Exception {
        TestContextManager manager = new TestContextManager(Application.class);
        ApplicationContext context = manager.getTestContext().getApplicationContext();
        http = new RawHttp("localhost", TestPorts.port());
        client = new FuzzClient(http, "http://localhost:" + TestPorts.port(), context.getBean(JdbcTemplate.class));
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        CAPTURE.setContext(root.getLoggerContext());
        CAPTURE.start();
        root.addAppender(CAPTURE);
    }

    @AfterContainer
    static void stopCapturing() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(CAPTURE);
        CAPTURE.stop();
    }

    @BeforeProperty
    void measureHeap() throws Exception {
        // one request of each kind first, so that caches and lazily built parts are not counted
        http.send("GET", "/actuator/health".getBytes(java.nio.charset.StandardCharsets.UTF_8), List.of(), null);
        heapBefore = heapAfterGc();
        histogramBefore = HeapHistogram.bytesByClass();
        ERRORS.clear();
    }

    // no edge-case mixing: the generators name their edge values themselves, and jqwik's edge-case
    // shrinkables of these flat-mapped arbitraries would fill the heap the test watches
    @Property(tries = TRIES, seed = "20261206", edgeCases = EdgeCasesMode.NONE)
    @AddLifecycleHook(TriesFromSystemProperty.class)
    void malformedRequestWhenSentThenClientErrorInProtocolFormatAndNothingLoggedAtError(
            @ForAll("requests") FuzzRequest request) throws Exception {
        Answer answer = client.send(request);

        if (!(answer.status() == 501 && request.mayBeNotImplemented())) {
            assertThat(answer.status())
                    .as("status of %s: %s", request, abbreviated(answer))
                    .isLessThan(500);
        }
        assertThat(answer.text())
                .as("body of %s", request)
                .doesNotContain("\tat ")
                .doesNotContainPattern("[a-z]\\.[A-Za-z]+Exception\\b");
        if (answer.status() >= 400 && answer.isJson() && answer.body().length > 0) {
            assertProtocolErrorFormat(request, answer);
        }
        assertThat(ERRORS).as("ERROR log events while answering %s", request).isEmpty();
    }

    @AfterProperty
    void serverHealthyAndHeapFlat() throws Exception {
        Answer health =
                http.send("GET", "/actuator/health".getBytes(java.nio.charset.StandardCharsets.UTF_8), List.of(), null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text()).contains("\"UP\"");
        long growth = heapAfterGc() - heapBefore;
        assertThat(growth)
                .as(() -> "heap growth over the run (bytes); grown most: " + HeapHistogram.grownMost(histogramBefore))
                .isLessThan(MAX_HEAP_GROWTH);
        assertThat(ERRORS).as("ERROR log events").isEmpty();
    }

    @Provide
    Arbitrary<FuzzRequest> requests() {
        return FuzzRequests.requests();
    }

    /**
     * A JSON error body is the endpoint family's format: OAuth {@code error}, SCIM error schema,
     * FIDO {@code status: failed}; or Spring Boot's error JSON for a request refused before it
     * reached an endpoint (CSRF, a path nothing maps).
     */
    private static void assertProtocolErrorFormat(FuzzRequest request, Answer answer) {
        JsonNode json = JSON.readTree(answer.body());
        if (json.has("timestamp") && json.has("path") && json.has("error")) {
            return; // Spring Boot's error page as JSON: refused before any endpoint
        }
        String where = request + " answered " + answer.status() + " " + answer.text();
        Family family = (request.path().startsWith("/scim"))
                ? Family.SCIM
                : request.target().family();
        switch (family) {
            case OAUTH -> assertThat(json.path("error").isString()).as(where).isTrue();
            case SCIM ->
                assertThat(json.path("schemas").toString())
                        .as(where)
                        .contains("urn:ietf:params:scim:api:messages:2.0:Error");
            case FIDO -> assertThat(json.path("status").asString("")).as(where).isEqualTo("failed");
            default -> {}
        }
    }

    private static String abbreviated(Answer answer) {
        String text = answer.text();
        return answer.headers().stream().map((h) -> h[0] + ": " + h[1]).toList() + " "
                + (text.length() > 500 ? text.substring(0, 500) + "..." : text);
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Collects ERROR events of every logger. */
    private static final class ErrorCapture extends AppenderBase<ILoggingEvent> {

        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
                ERRORS.add(event);
            }
        }
    }

    /** {@code -Dphoenix.fuzz.tries=N} and {@code -Dphoenix.fuzz.seed=S} override the defaults. */
    static final class TriesFromSystemProperty implements AroundPropertyHook {

        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            String tries = System.getProperty("phoenix.fuzz.tries");
            if (tries != null && !tries.isBlank()) {
                context.attributes().setTries(Integer.parseInt(tries.trim()));
            }
            String seed = System.getProperty("phoenix.fuzz.seed");
            if (seed != null && !seed.isBlank()) {
                context.attributes().setSeed(seed.trim());
            }
            return property.execute();
        }
    }
}
