package com.phoenixidp.pki.ocsp;

import com.phoenixidp.pki.PkiException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * The standalone OCSP transport (RFC 6960 appendix A.1): GET with the base64, URL-encoded
 * request as the last path segment, and POST with an {@code application/ocsp-request} body,
 * answered at {@code /} and at the path the certificates' AIA names. Listens on 127.0.0.1 only.
 */
public final class OcspHttpServer implements AutoCloseable {

    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final OcspResponder responder;
    private final @Nullable String aiaPath;

    private OcspHttpServer(
            HttpServer server, ExecutorService executor, OcspResponder responder, @Nullable String aiaPath) {
        this.server = server;
        this.executor = executor;
        this.responder = responder;
        this.aiaPath = aiaPath;
    }

    /**
     * Starts a responder on 127.0.0.1.
     *
     * @param responder the OCSP logic
     * @param port      TCP port, 0 for any free port
     * @param aiaPath   the path component of the AIA OCSP URL (e.g. {@code /pki/ocsp}), or null
     */
    public static OcspHttpServer start(OcspResponder responder, int port, @Nullable String aiaPath) {
        Objects.requireNonNull(responder, "responder");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new PkiException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
        }
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "ocsp-http");
            thread.setDaemon(true);
            return thread;
        });
        String path = aiaPath == null || aiaPath.isEmpty() || aiaPath.equals("/") ? null : aiaPath;
        OcspHttpServer ocsp = new OcspHttpServer(server, executor, responder, path);
        server.createContext("/", ocsp::handle);
        server.setExecutor(executor);
        server.start();
        return ocsp;
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String rest = stripBase(path);
            if (rest == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] request;
            if ("POST".equals(exchange.getRequestMethod())) {
                String type = exchange.getRequestHeaders().getFirst("Content-Type");
                if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/ocsp-request")) {
                    exchange.sendResponseHeaders(415, -1);
                    return;
                }
                request = readBody(exchange.getRequestBody());
                if (request == null) {
                    exchange.sendResponseHeaders(413, -1);
                    return;
                }
            } else if ("GET".equals(exchange.getRequestMethod())) {
                if (rest.isEmpty()) {
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                try {
                    request = Base64.getDecoder().decode(URLDecoder.decode(rest, StandardCharsets.US_ASCII));
                } catch (IllegalArgumentException e) {
                    request = new byte[0];
                }
            } else {
                exchange.getResponseHeaders().add("Allow", "GET, POST");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] response = responder.respond(request);
            exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
            exchange.getResponseHeaders().add("Cache-Control", "no-cache, max-age=0");
            exchange.sendResponseHeaders(200, response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        }
    }

    /** The part of the path after {@code /} or the AIA path, or null when neither matches. */
    private @Nullable String stripBase(String path) {
        if (aiaPath != null && (path.equals(aiaPath) || path.startsWith(aiaPath + "/"))) {
            return path.length() == aiaPath.length() ? "" : path.substring(aiaPath.length() + 1);
        }
        return path.startsWith("/") ? path.substring(1) : null;
    }

    private static byte @Nullable [] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_REQUEST_BYTES + 1);
        return body.length > MAX_REQUEST_BYTES ? null : body;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
