package com.phoenixidp.authserver;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain round-robin HTTP load balancer for tests, without sticky sessions: every request goes to
 * the next node, over a new upstream connection, and the answer carries {@code Connection: close},
 * so a browser's next request (a new connection) lands on yet another node. A node that refuses
 * the connection (killed) is skipped, as load balancers do; a node that dies mid-request leaves
 * its client without an answer. Remembers which node served which request.
 */
public final class RoundRobinProxy implements AutoCloseable {

    /** One forwarded request: "METHOD /path?query" and the index of the node that got it. */
    public record Forwarded(String request, int node) {}

    private static final Set<String> HOP_BY_HOP =
            Set.of("connection", "keep-alive", "proxy-connection", "upgrade", "http2-settings", "te", "trailer");

    private final ServerSocket server;

    private final List<Integer> nodePorts;

    private final AtomicInteger next = new AtomicInteger();

    private final List<Forwarded> forwarded = new ArrayList<>();

    private final ExecutorService workers = Executors.newCachedThreadPool((r) -> {
        Thread thread = new Thread(r, "round-robin-proxy");
        thread.setDaemon(true);
        return thread;
    });

    private RoundRobinProxy(ServerSocket server, List<Integer> nodePorts) {
        this.server = server;
        this.nodePorts = List.copyOf(nodePorts);
    }

    /** Listens on {@code port} (127.0.0.1) and spreads requests over the nodes on {@code nodePorts}. */
    public static RoundRobinProxy start(int port, List<Integer> nodePorts) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            RoundRobinProxy proxy = new RoundRobinProxy(server, nodePorts);
            proxy.workers.submit(proxy::acceptLoop);
            return proxy;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public int port() {
        return this.server.getLocalPort();
    }

    public String baseUrl() {
        return "http://localhost:" + port();
    }

    /** Every request forwarded so far, in order. */
    public List<Forwarded> forwarded() {
        synchronized (this.forwarded) {
            return List.copyOf(this.forwarded);
        }
    }

    private void acceptLoop() {
        while (!this.server.isClosed()) {
            try {
                Socket client = this.server.accept();
                this.workers.submit(() -> serve(client));
            } catch (IOException ex) {
                // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(60_000);
            InputStream in = new BufferedInputStream(client.getInputStream());
            byte[] head = readHead(in);
            if (head == null) {
                return;
            }
            List<String> lines = List.of(new String(head, StandardCharsets.ISO_8859_1).split("\r\n"));
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write((lines.get(0) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            long contentLength = 0;
            boolean chunked = false;
            for (String header : lines.subList(1, lines.size())) {
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                if (name.equals("content-length")) {
                    contentLength = Long.parseLong(value);
                }
                if (name.equals("transfer-encoding")
                        && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                    chunked = true;
                }
                if (!HOP_BY_HOP.contains(name)) {
                    request.write((header + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                }
            }
            request.write("Connection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (chunked) {
                copyChunked(in, request);
            } else {
                request.write(in.readNBytes((int) contentLength));
            }
            forward(lines.get(0), request.toByteArray(), client.getOutputStream());
        } catch (IOException ex) {
            // client or node went away: no answer
        }
    }

    private void forward(String requestLine, byte[] request, OutputStream client) throws IOException {
        for (int attempt = 0; attempt < this.nodePorts.size(); attempt++) {
            int node = Math.floorMod(this.next.getAndIncrement(), this.nodePorts.size());
            Socket upstream = new Socket();
            try {
                upstream.connect(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), this.nodePorts.get(node)), 2000);
            } catch (IOException refused) {
                upstream.close();
                continue; // node down: the next one
            }
            try (upstream) {
                upstream.setSoTimeout(60_000);
                synchronized (this.forwarded) {
                    String[] parts = requestLine.split(" ");
                    this.forwarded.add(new Forwarded(parts[0] + " " + (parts.length > 1 ? parts[1] : ""), node));
                }
                upstream.getOutputStream().write(request);
                upstream.getOutputStream().flush();
                upstream.getInputStream().transferTo(client);
                client.flush();
                return;
            }
        }
        client.write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The request line and headers up to the empty line (without it), or null at end of stream. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 65_536) {
                throw new IOException("request head too large");
            }
        }
        byte[] bytes = head.toByteArray();
        return java.util.Arrays.copyOf(bytes, bytes.length - 4);
    }

    private static void copyChunked(InputStream in, OutputStream out) throws IOException {
        while (true) {
            String sizeLine = readLine(in);
            out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                for (String trailer = readLine(in); !trailer.isEmpty(); trailer = readLine(in)) {
                    out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            out.write(in.readNBytes(size));
            out.write(in.readNBytes(2));
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            this.server.close();
        } catch (IOException ex) {
            // closing
        }
        this.workers.shutdownNow();
    }
}
