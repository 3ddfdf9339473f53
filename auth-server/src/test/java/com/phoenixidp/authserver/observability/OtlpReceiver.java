package com.phoenixidp.authserver.observability;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A real OTLP/HTTP traces receiver on loopback (JDK {@code HttpServer}): accepts {@code POST
 * /v1/traces} with a protobuf {@code ExportTraceServiceRequest} (opentelemetry-proto
 * collector/trace/v1) and keeps the spans' ids, parent and name, read with a minimal protobuf
 * reader (only the fields a test looks at).
 */
final class OtlpReceiver implements AutoCloseable {

    /** One received span: ids in hex, parent empty for a root span. */
    record Span(String traceId, String spanId, String parentSpanId, String name) {}

    private final HttpServer server;

    private final List<Span> spans = new CopyOnWriteArrayList<>();

    private final List<String> contentTypes = new CopyOnWriteArrayList<>();

    OtlpReceiver() {
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        this.server.createContext("/v1/traces", (exchange) -> {
            InputStream body = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            byte[] bytes = body.readAllBytes();
            this.contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            this.spans.addAll(parseRequest(bytes));
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        this.server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
    }

    List<Span> spans() {
        return List.copyOf(this.spans);
    }

    List<String> contentTypes() {
        return List.copyOf(this.contentTypes);
    }

    @Override
    public void close() {
        this.server.stop(0);
    }

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    static List<Span> parseRequest(byte[] bytes) {
        List<Span> spans = new ArrayList<>();
        for (Field resourceSpans : fields(bytes, 1)) {
            // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
            for (Field scopeSpans : fields(resourceSpans.bytes(), 2)) {
                // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
                for (Field span : fields(scopeSpans.bytes(), 2)) {
                    spans.add(parseSpan(span.bytes()));
                }
            }
        }
        return spans;
    }

    // Span { bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; bytes parent_span_id = 4; string name = 5;
    // ... }
    private static Span parseSpan(byte[] bytes) {
        HexFormat hex = HexFormat.of();
        return new Span(
                hex.formatHex(first(bytes, 1)),
                hex.formatHex(first(bytes, 2)),
                hex.formatHex(first(bytes, 4)),
                new String(first(bytes, 5), StandardCharsets.UTF_8));
    }

    private record Field(int number, byte[] bytes) {}

    private static byte[] first(byte[] message, int number) {
        List<Field> found = fields(message, number);
        return found.isEmpty() ? new byte[0] : found.get(0).bytes();
    }

    /** The length-delimited fields with this number (protobuf wire format), skipping the others. */
    private static List<Field> fields(byte[] message, int number) {
        List<Field> found = new ArrayList<>();
        int[] pos = {0};
        while (pos[0] < message.length) {
            long key = varint(message, pos);
            int field = (int) (key >>> 3);
            int wireType = (int) (key & 7);
            switch (wireType) {
                case 0 -> varint(message, pos);
                case 1 -> pos[0] += 8;
                case 5 -> pos[0] += 4;
                case 2 -> {
                    int length = (int) varint(message, pos);
                    if (field == number) {
                        ByteArrayOutputStream value = new ByteArrayOutputStream();
                        value.write(message, pos[0], length);
                        found.add(new Field(field, value.toByteArray()));
                    }
                    pos[0] += length;
                }
                default -> throw new IllegalArgumentException("unsupported protobuf wire type " + wireType);
            }
        }
        return found;
    }

    private static long varint(byte[] message, int[] pos) {
        long value = 0;
        int shift = 0;
        while (true) {
            byte b = message[pos[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
            shift += 7;
        }
    }
}
