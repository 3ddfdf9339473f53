package com.phoenixidp.authserver;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client-credentials load on a token endpoint from a few threads, remembering every access
 * token the server acknowledged (a complete {@code 200} answer), and checking afterwards, by
 * introspection (RFC 7662), which of them the server still knows.
 */
public final class ClientCredentialsLoad {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;

    private final String basic;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();

    private final AtomicInteger failures = new AtomicInteger();

    private final AtomicBoolean running = new AtomicBoolean();

    private ExecutorService threads;

    public ClientCredentialsLoad(String baseUrl, String clientId, String secret) {
        this.baseUrl = baseUrl;
        this.basic = "Basic "
                + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** Starts {@code n} threads asking for tokens until {@link #stop()}. */
    public ClientCredentialsLoad start(int n) {
        this.running.set(true);
        this.threads = Executors.newFixedThreadPool(n);
        for (int i = 0; i < n; i++) {
            this.threads.submit(this::run);
        }
        return this;
    }

    private void run() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + "/oauth2/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", this.basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=api.read"))
                .build();
        while (this.running.get()) {
            try {
                HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    this.acknowledged.add(
                            (String) JSON.readValue(response.body(), Map.class).get("access_token"));
                } else {
                    this.failures.incrementAndGet();
                }
            } catch (IOException ex) {
                // the node went away mid-request: no answer, nothing acknowledged
                this.failures.incrementAndGet();
                AuthServerNode.sleep(20);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Waits until at least {@code count} tokens were acknowledged (or the timeout passed). */
    public ClientCredentialsLoad awaitAcknowledged(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (this.acknowledged.size() < count && System.nanoTime() < deadline) {
            AuthServerNode.sleep(20);
        }
        return this;
    }

    /** Stops the threads (after their current request) and returns the acknowledged tokens. */
    public List<String> stop() throws InterruptedException {
        this.running.set(false);
        this.threads.shutdown();
        this.threads.awaitTermination(30, TimeUnit.SECONDS);
        return List.copyOf(this.acknowledged);
    }

    public int acknowledgedCount() {
        return this.acknowledged.size();
    }

    /** Requests that got no acknowledgement (connection lost, error status). */
    public int failures() {
        return this.failures.get();
    }

    /** The tokens that introspect as not active (or fail to introspect) at {@code baseUrl}. */
    public static List<String> notActive(String baseUrl, String clientId, String secret, List<String> tokens)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String basic = "Basic "
                    + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
            List<Future<String>> checks = new ArrayList<>();
            for (String token : tokens) {
                checks.add(pool.submit(() -> {
                    HttpResponse<String> response = http.send(
                            HttpRequest.newBuilder(URI.create(baseUrl + "/oauth2/introspect"))
                                    .header("Authorization", basic)
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    boolean active = response.statusCode() == 200
                            && Boolean.TRUE.equals(
                                    JSON.readValue(response.body(), Map.class).get("active"));
                    return active ? null : token;
                }));
            }
            List<String> missing = new ArrayList<>();
            for (Future<String> check : checks) {
                String token = check.get(2, TimeUnit.MINUTES);
                if (token != null) {
                    missing.add(token);
                }
            }
            return missing;
        } finally {
            pool.shutdownNow();
        }
    }
}
