package com.phoenixidp.authserver.logout;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A relying party's back-channel logout endpoint (OIDC Back-Channel Logout 1.0 section 2.5) for
 * the tests: a JDK HTTP server on its own port that keeps every logout token POSTed to
 * {@code /bcl} (form-encoded {@code logout_token}), answering 200, or first the statuses it was
 * told to (503 ...).
 */
final class LogoutReceiver implements AutoCloseable {

    /** One POST as received. */
    record Delivery(String contentType, String body, String logoutToken) {}

    private final HttpServer server;

    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();

    private final ConcurrentLinkedQueue<Integer> firstAnswers = new ConcurrentLinkedQueue<>();

    private final AtomicInteger requests = new AtomicInteger();

    private LogoutReceiver(HttpServer server) {
        this.server = server;
    }

    /** Listening on {@code port} (0: any free port). */
    static LogoutReceiver start(int port, Integer... firstAnswers) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            LogoutReceiver receiver = new LogoutReceiver(server);
            receiver.firstAnswers.addAll(List.of(firstAnswers));
            server.createContext("/bcl", (exchange) -> {
                receiver.requests.incrementAndGet();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Integer status = receiver.firstAnswers.poll();
                if (status == null) {
                    status = 200;
                    receiver.deliveries.add(
                            new Delivery(exchange.getRequestHeaders().getFirst("Content-Type"), body, tokenOf(body)));
                }
                exchange.getResponseHeaders().add("Cache-Control", "no-store");
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return receiver;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    String uri() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/bcl";
    }

    int port() {
        return this.server.getAddress().getPort();
    }

    /** The next delivery answered 200, or an AssertionError after {@code timeout}. */
    Delivery next(Duration timeout) {
        try {
            Delivery delivery = this.deliveries.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (delivery == null) {
                throw new AssertionError("no logout token arrived within " + timeout);
            }
            return delivery;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Nothing more arrives within {@code wait}. */
    boolean quietFor(Duration wait) {
        try {
            return this.deliveries.poll(wait.toMillis(), TimeUnit.MILLISECONDS) == null;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    int requests() {
        return this.requests.get();
    }

    private static String tokenOf(String body) {
        for (String pair : body.split("&")) {
            if (pair.startsWith("logout_token=")) {
                return URLDecoder.decode(pair.substring("logout_token=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void close() {
        this.server.stop(0);
    }
}
