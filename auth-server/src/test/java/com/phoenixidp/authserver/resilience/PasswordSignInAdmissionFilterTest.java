package com.phoenixidp.authserver.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** While the bulkhead is full, password sign-ins are refused before anything else runs; nothing else is. */
class PasswordSignInAdmissionFilterTest {

    private final PasswordHashingBulkhead bulkhead = new PasswordHashingBulkhead(1, 0, Duration.ZERO);

    private final PasswordSignInAdmissionFilter filter = new PasswordSignInAdmissionFilter(
            this.bulkhead, "/oauth2/token", new UnavailabilityLog(Clock.systemUTC()), Duration.ZERO);

    private final ExecutorService hashes = Executors.newSingleThreadExecutor();

    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        this.release.countDown();
        this.hashes.shutdownNow();
    }

    @Test
    void doFilterWhenBulkheadFullThenPasswordSignInsRefusedAtOnceAndOtherRequestsPass() throws Exception {
        assertThat(run(post("/login", "username=u&password=p")).chainCalled).isTrue();

        fillBulkhead();

        Result login = run(post("/login", "username=u&password=p"));
        assertThat(login.chainCalled).isFalse();
        assertThat(login.response.getStatus()).isEqualTo(503);
        assertThat(login.response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(login.response.getContentType()).startsWith("text/html");

        Result grant = run(post("/oauth2/token", "grant_type=password&username=u&password=p"));
        assertThat(grant.chainCalled).isFalse();
        assertThat(grant.response.getStatus()).isEqualTo(503);
        assertThat(grant.response.getContentAsString()).contains("\"error\":\"temporarily_unavailable\"");

        assertThat(run(post("/oauth2/token", "grant_type=client_credentials")).chainCalled)
                .isTrue();
        assertThat(run(new MockHttpServletRequest("GET", "/login")).chainCalled).isTrue();
        assertThat(this.bulkhead.rejected()).isEqualTo(2);
    }

    @Test
    void doFilterWhenBulkheadFullAndAsyncSupportedThenRefusalAnsweredAfterTheDelayWithoutHoldingTheThread()
            throws Exception {
        PasswordSignInAdmissionFilter delayed = new PasswordSignInAdmissionFilter(
                this.bulkhead, "/oauth2/token", new UnavailabilityLog(Clock.systemUTC()), Duration.ofSeconds(1));
        fillBulkhead();
        MockHttpServletRequest request = post("/oauth2/token", "grant_type=password&username=u&password=p");
        request.setAsyncSupported(true);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        long start = System.nanoTime();

        delayed.doFilter(request, response, chain);

        // the filter returned with the request suspended and unanswered (a second before its answer)
        assertThat(request.isAsyncStarted()).isTrue();
        assertThat(chain.getRequest()).isNull();
        assertThat(response.getContentAsString()).as("nothing answered yet").isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> !request.isAsyncStarted());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.getContentAsString()).contains("\"error\":\"temporarily_unavailable\"");
        delayed.destroy();
    }

    private void fillBulkhead() {
        this.hashes.submit(() -> this.bulkhead.call(() -> {
            try {
                this.release.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        await().until(this.bulkhead::isFull);
    }

    private static MockHttpServletRequest post(String path, String form) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setContentType("application/x-www-form-urlencoded");
        for (String pair : form.split("&")) {
            String[] nameValue = pair.split("=", 2);
            request.addParameter(nameValue[0], nameValue[1]);
        }
        return request;
    }

    private Result run(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        this.filter.doFilter(request, response, chain);
        return new Result(response, chain.getRequest() != null);
    }

    private record Result(MockHttpServletResponse response, boolean chainCalled) {}
}
