package com.phoenixidp.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.phoenixidp.admin.http.Json;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A stand-in for the server's HTTP edge inside unit tests (JDK {@code HttpServer} on loopback): a
 * token endpoint that accepts only {@link AdminRunner#CLIENT_ID}/{@link AdminRunner#SECRET}, API
 * routes answering 401 without the bearer token it issued, and canned answers per route. It checks
 * the CLI's own behaviour (requests it sends, how it reports answers), not the real server.
 */
public final class StubServer implements AutoCloseable {

    /** A request as received. */
    public record Request(String method, String uri, String path, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            return this.headers.entrySet().stream()
                    .filter((e) ->
                            e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                    .map((e) -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        public JsonNode json() {
            return Json.parseOrNull(this.body);
        }
    }

    /** An answer to send. */
    public record Answer(int status, String contentType, String body, Map<String, String> headers) {}

    private final HttpServer server;

    private final String scheme;

    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    private final Map<String, Function<Request, Answer>> routes = new ConcurrentHashMap<>();

    private StubServer(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.createContext("/", this::handle);
        server.start();
        on("POST", "/oauth2/token", StubServer::token);
    }

    public static StubServer http() {
        try {
            return new StubServer(
                    HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), "http");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** An https server with the key and certificate of a PKCS#12 key store. */
    public static StubServer https(Path keyStore, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(keyStore)) {
            store.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        return new StubServer(server, "https");
    }

    /** Answers {@code method path} (path without query) with {@code responder}. */
    public StubServer on(String method, String path, Function<Request, Answer> responder) {
        this.routes.put(method + " " + path, responder);
        return this;
    }

    public StubServer onJson(String method, String path, int status, String json) {
        return on(method, path, (r) -> json(status, json));
    }

    public static Answer json(int status, String body) {
        return new Answer(status, "application/json", body, Map.of());
    }

    public static Answer scim(int status, String body) {
        return new Answer(status, "application/scim+json", body, Map.of());
    }

    public static Answer text(int status, String contentType, String body) {
        return new Answer(status, contentType, body, Map.of());
    }

    public String url() {
        return this.scheme + "://127.0.0.1:" + this.server.getAddress().getPort();
    }

    public List<Request> requests() {
        synchronized (this.requests) {
            return List.copyOf(this.requests);
        }
    }

    /** The requests other than the token request. */
    public List<Request> apiRequests() {
        return requests().stream()
                .filter((r) -> !r.path().equals("/oauth2/token"))
                .toList();
    }

    private static Answer token(Request request) {
        String expected = "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                (AdminRunner.CLIENT_ID + ":" + AdminRunner.SECRET).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(request.header("Authorization"))) {
            return json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed.\"}");
        }
        if (!request.body().contains("grant_type=client_credentials")
                || !request.body().contains("scope=phoenix.admin")) {
            return json(400, "{\"error\":\"invalid_request\"}");
        }
        return json(
                200,
                "{\"access_token\":\"" + AdminRunner.TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                        + "\"scope\":\"phoenix.admin\"}");
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Request request = new Request(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() != null
                                ? "?" + exchange.getRequestURI().getRawQuery()
                                : ""),
                exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()),
                body);
        this.requests.add(request);
        Function<Request, Answer> route = this.routes.get(request.method() + " " + request.path());
        Answer answer;
        if (!request.path().equals("/oauth2/token")
                && !("Bearer " + AdminRunner.TOKEN).equals(request.header("Authorization"))) {
            answer = new Answer(401, "", "", Map.of("WWW-Authenticate", "Bearer"));
        } else if (route == null) {
            answer = json(404, "{\"status\":404,\"error\":\"Not Found\",\"path\":\"" + request.path() + "\"}");
        } else {
            answer = route.apply(request);
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        if (!answer.contentType().isEmpty()) {
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        }
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(answer.status(), (bytes.length == 0) ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        this.server.stop(0);
    }
}
