package com.phoenixidp.authserver.resilience;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, one request per connection: unlike {@code HttpClient} it sends
 * whatever the fuzz test asks for (bytes that are not valid in a URI, unknown methods and
 * transfer codings, duplicated or huge headers, a body with any method).
 */
final class RawHttp {

    private final String host;

    private final int port;

    RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** A response: status, headers in order, body (de-chunked). */
    record Answer(int status, List<String[]> headers, byte[] body) {

        Optional<String> header(String name) {
            return this.headers.stream()
                    .filter((h) -> h[0].equalsIgnoreCase(name))
                    .map((h) -> h[1])
                    .findFirst();
        }

        String text() {
            return new String(this.body, StandardCharsets.UTF_8);
        }

        boolean isJson() {
            return header("Content-Type")
                    .map((t) -> t.toLowerCase(Locale.ROOT).contains("json"))
                    .orElse(false);
        }
    }

    /**
     * Sends {@code method target HTTP/1.1} with {@code headers} (name, value pairs; Host and
     * Connection: close are added) and {@code body} (Content-Length added unless a header sets
     * Transfer-Encoding).
     */
    Answer send(String method, byte[] target, List<String[]> headers, byte[] body) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(method.getBytes(StandardCharsets.ISO_8859_1));
        request.write(' ');
        request.write(target);
        request.write(" HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
        List<String[]> all = new ArrayList<>();
        all.add(new String[] {"Host", this.host + ":" + this.port});
        all.add(new String[] {"Connection", "close"});
        all.addAll(headers);
        boolean chunked = headers.stream().anyMatch((h) -> h[0].equalsIgnoreCase("Transfer-Encoding"));
        if (body != null && !chunked) {
            all.add(new String[] {"Content-Length", Integer.toString(body.length)});
        }
        for (String[] header : all) {
            request.write((header[0] + ": ").getBytes(StandardCharsets.ISO_8859_1));
            request.write(header[1].getBytes(StandardCharsets.UTF_8));
            request.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        request.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            if (chunked) {
                request.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                request.write(body);
                request.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            } else {
                request.write(body);
            }
        }
        try (Socket socket = new Socket(this.host, this.port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toByteArray());
                out.flush();
            } catch (SocketException ex) {
                // the server may answer (400, 413) and close before reading a large request: read what it said
            }
            return read(socket.getInputStream(), "HEAD".equals(method));
        }
    }

    private static Answer read(InputStream in, boolean head) throws IOException {
        byte[] all = in.readAllBytes();
        int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (end < 0) {
            throw new IOException("no HTTP response head in " + all.length + " bytes");
        }
        String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(new String[] {
                    lines[i].substring(0, colon).trim(),
                    lines[i].substring(colon + 1).trim()
                });
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        boolean chunked = headers.stream()
                .anyMatch((h) -> h[0].equalsIgnoreCase("Transfer-Encoding") && h[1].contains("chunked"));
        if (!head && chunked) {
            body = dechunk(body);
        }
        return new Answer(status, headers, head ? new byte[0] : body);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < chunked.length) {
            int lineEnd = indexOf(chunked, "\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
            if (lineEnd < 0) {
                break;
            }
            String sizeLine = new String(chunked, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, Math.min(size, chunked.length - lineEnd - 2));
            pos = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        return indexOf(data, pattern, 0);
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
