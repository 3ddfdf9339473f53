package com.phoenixidp.samples.spa;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;

/**
 * Serves the single-page app: {@code index.html} (at {@code /} and at the redirect URI
 * {@code /callback}), {@code app.js}, and {@code config.json} with the issuer and client id. The
 * page does all of OAuth itself, in the browser; this server holds no secret and no token.
 */
public final class SpaServer {

    static final String USAGE = """
			Usage: java -jar spa.jar [--server.port=8081] [--phoenix.issuer=http://localhost:9000]
			                         [--phoenix.client-id=demo-spa] [--phoenix.scope="openid profile"]
			Serves the single-page app sample (authorization code + PKCE as a public client, in the browser).
			The same settings can come from the environment: SERVER_PORT, PHOENIX_ISSUER, PHOENIX_CLIENT_ID, PHOENIX_SCOPE.
			The client must be registered with auth-methods [none] and the redirect URI http://localhost:<port>/callback.
			""";

    private SpaServer() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> settings;
        try {
            settings = settings(args, System.getenv());
        } catch (IllegalArgumentException ex) {
            System.err.println("spa: error: " + ex.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (settings.containsKey("help")) {
            System.out.print(USAGE);
            return;
        }
        int port = Integer.parseInt(settings.get("server.port"));
        HttpServer server;
        try {
            server = start(
                    port,
                    setting(settings, "phoenix.issuer"),
                    setting(settings, "phoenix.client-id"),
                    setting(settings, "phoenix.scope"));
        } catch (IOException ex) {
            System.err.println("spa: error: cannot listen on port " + port + " (" + ex.getMessage() + ")");
            System.exit(3);
            return;
        }
        PrintStream out = System.out;
        out.println("SPA sample on http://localhost:" + server.getAddress().getPort() + "/ (issuer "
                + settings.get("phoenix.issuer") + ", client " + settings.get("phoenix.client-id") + ")");
    }

    /** The settings from {@code --name=value} / {@code --name value} arguments over the environment and defaults. */
    /** A setting that {@link #settings} always sets (from its default at least). */
    private static String setting(Map<String, String> settings, String name) {
        return Objects.requireNonNull(settings.get(name), () -> "no setting " + name);
    }

    static Map<String, String> settings(String[] args, Map<String, String> environment) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.port", environment.getOrDefault("SERVER_PORT", "8081"));
        settings.put("phoenix.issuer", environment.getOrDefault("PHOENIX_ISSUER", "http://localhost:9000"));
        settings.put("phoenix.client-id", environment.getOrDefault("PHOENIX_CLIENT_ID", "demo-spa"));
        settings.put("phoenix.scope", environment.getOrDefault("PHOENIX_SCOPE", "openid profile"));
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                settings.put("help", "true");
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (!settings.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            settings.put(name, value);
        }
        try {
            int port = Integer.parseInt(settings.get("server.port"));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("--server.port: not a port number: " + settings.get("server.port"));
        }
        URI issuer = URI.create(settings.get("phoenix.issuer"));
        if (issuer.getScheme() == null || issuer.getHost() == null) {
            throw new IllegalArgumentException("--phoenix.issuer: not a URL: " + settings.get("phoenix.issuer"));
        }
        return settings;
    }

    /** Starts serving on {@code localhost:port} (0: any free port). */
    public static HttpServer start(int port, String issuer, String clientId, String scope) throws IOException {
        String issuerOrigin = origin(issuer);
        String config = "{\"issuer\":" + json(stripSlash(issuer)) + ",\"clientId\":" + json(clientId) + ",\"scope\":"
                + json(scope) + "}";
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", (exchange) -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                    send(
                            exchange,
                            405,
                            "text/plain",
                            "method not allowed".getBytes(StandardCharsets.UTF_8),
                            issuerOrigin);
                } else if (path.equals("/") || path.equals("/callback") || path.equals("/index.html")) {
                    send(exchange, 200, "text/html; charset=utf-8", resource("index.html"), issuerOrigin);
                } else if (path.equals("/app.js")) {
                    send(exchange, 200, "text/javascript; charset=utf-8", resource("app.js"), issuerOrigin);
                } else if (path.equals("/config.json")) {
                    send(exchange, 200, "application/json", config.getBytes(StandardCharsets.UTF_8), issuerOrigin);
                } else {
                    send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8), issuerOrigin);
                }
            }
        });
        server.start();
        return server;
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body, String issuerOrigin)
            throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.add("Content-Type", type);
        headers.add("Cache-Control", "no-store");
        // the authorization code is in the callback URL: never send it on as a Referer
        headers.add("Referrer-Policy", "no-referrer");
        headers.add("X-Content-Type-Options", "nosniff");
        // scripts only from here (no inline script, no eval); fetch only here and the IdP
        headers.add(
                "Content-Security-Policy",
                "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; "
                        + "connect-src 'self' " + issuerOrigin
                        + "; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'; "
                        + "form-action 'none'");
        exchange.sendResponseHeaders(status, "HEAD".equals(exchange.getRequestMethod()) ? -1 : body.length);
        if (!"HEAD".equals(exchange.getRequestMethod())) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SpaServer.class.getResourceAsStream("/spa/" + name)) {
            if (in == null) {
                throw new IOException("missing resource /spa/" + name);
            }
            return in.readAllBytes();
        }
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '<' -> out.append("\\u003c");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
