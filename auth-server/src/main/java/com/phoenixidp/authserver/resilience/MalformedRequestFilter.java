package com.phoenixidp.authserver.resilience;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first look at every request, before sessions and security: what no endpoint can answer
 * sensibly is answered here with a 4xx in the protocol's format ({@link ErrorAnswers}), never
 * left to fail as a 500 deeper down.
 *
 * <ul>
 *   <li>A query or form whose parameters cannot be decoded (bad percent-encoding, bytes that are
 *       not UTF-8, too many parameters): 400 (or the container's 413). Tomcat 11 throws on every
 *       later {@code getParameter} call, wherever that happens.
 *   <li>A body larger than {@code phoenix.http.max-body-size}: 413, by {@code Content-Length} at
 *       once, or when a chunked body passes the limit while it is read.
 *   <li>A {@code Content-Type} that is not one concrete media type (RFC 9110 section 8.3: no
 *       wildcards, must parse) or an {@code Accept} that does not parse: the endpoint sees the
 *       request without that header (no content type: it refuses the body in its own format; no
 *       Accept: anything is acceptable, RFC 9110 section 12.5.1).
 *   <li>{@code /error} requested directly: 404 (it is the container's error page, not a resource).
 * </ul>
 */
public final class MalformedRequestFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(MalformedRequestFilter.class);

    private final long maxBodyBytes;

    public MalformedRequestFilter(long maxBodyBytes) {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("/error".equals(ErrorAnswers.path(request))) {
            ErrorAnswers.write(request, response, 404, "invalid_request", "There is nothing here.", null);
            return;
        }
        if (request.getContentLengthLong() > this.maxBodyBytes) {
            refuse(request, response, 413, "the request body is larger than " + this.maxBodyBytes + " bytes");
            return;
        }
        int parameterStatus = parameterProblem(request);
        if (parameterStatus != 0) {
            refuse(request, response, parameterStatus, "the request parameters cannot be decoded");
            return;
        }
        String contentType = request.getContentType();
        boolean dropContentType = contentType != null && !isConcreteMediaType(contentType);
        boolean dropAccept = !acceptParses(request);
        HttpServletRequest checked = new CheckedRequest(request, dropContentType, dropAccept, this.maxBodyBytes);
        try {
            chain.doFilter(checked, response);
        } catch (IOException | ServletException | RuntimeException ex) {
            if (!(causeOf(ex) instanceof BodyTooLargeException) || response.isCommitted()) {
                throw ex;
            }
            response.reset();
            refuse(request, response, 413, "the request body is larger than " + this.maxBodyBytes + " bytes");
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String why)
            throws IOException {
        LOG.debug("Refused {} {}: {}", request.getMethod(), ErrorAnswers.path(request), why);
        ErrorAnswers.write(
                request, response, status, "invalid_request", "The request is malformed: " + why + ".", null);
    }

    /** 0 when the query and form parameters decode; otherwise the status to answer (400, or 413 from Tomcat). */
    private static int parameterProblem(HttpServletRequest request) {
        try {
            request.getParameterMap();
            return 0;
        } catch (IllegalStateException ex) {
            // Tomcat's InvalidParameterException (IllegalStateException) carries a status
            int status = (ex instanceof org.apache.tomcat.util.http.InvalidParameterException invalid)
                    ? invalid.getErrorCode()
                    : 400;
            return (status >= 400 && status < 500) ? status : 400;
        }
    }

    static boolean isConcreteMediaType(String value) {
        try {
            MediaType type = MediaType.parseMediaType(value);
            return type.isConcrete();
        } catch (InvalidMediaTypeException ex) {
            return false;
        }
    }

    private static boolean acceptParses(HttpServletRequest request) {
        Enumeration<String> values = request.getHeaders("Accept");
        if (values == null) {
            return true;
        }
        try {
            for (String value : Collections.list(values)) {
                MediaType.parseMediaTypes(value);
            }
            return true;
        } catch (IllegalArgumentException ex) { // InvalidMediaTypeException included
            return false;
        }
    }

    private static Throwable causeOf(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return ex;
    }

    /** Thrown while reading a body (without Content-Length) that grows past the limit. */
    static final class BodyTooLargeException extends IOException {

        private static final long serialVersionUID = 1L;

        BodyTooLargeException(long limit) {
            super("request body larger than " + limit + " bytes");
        }
    }

    /** The request as the endpoints see it: without unusable headers, its body bounded. */
    private static final class CheckedRequest extends HttpServletRequestWrapper {

        private final boolean dropContentType;

        private final boolean dropAccept;

        private final long maxBodyBytes;

        private @Nullable ServletInputStream body;

        private @Nullable BufferedReader reader;

        CheckedRequest(HttpServletRequest request, boolean dropContentType, boolean dropAccept, long maxBodyBytes) {
            super(request);
            this.dropContentType = dropContentType;
            this.dropAccept = dropAccept;
            this.maxBodyBytes = maxBodyBytes;
        }

        private boolean dropped(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            return (this.dropContentType && lower.equals("content-type"))
                    || (this.dropAccept && lower.equals("accept"));
        }

        @Override
        public @Nullable String getContentType() {
            return this.dropContentType ? null : super.getContentType();
        }

        @Override
        public @Nullable String getHeader(String name) {
            return dropped(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return dropped(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            names.removeIf(this::dropped);
            return Collections.enumeration(names);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (this.body == null) {
                this.body = new BoundedInputStream(super.getInputStream(), this.maxBodyBytes);
            }
            return this.body;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (this.reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset;
                try {
                    charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.ISO_8859_1;
                } catch (IllegalArgumentException ex) {
                    charset = StandardCharsets.UTF_8;
                }
                this.reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return this.reader;
        }
    }

    /** A request body that fails with {@link BodyTooLargeException} past {@code limit} bytes. */
    private static final class BoundedInputStream extends ServletInputStream {

        private final ServletInputStream in;

        private final long limit;

        private long read;

        BoundedInputStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = this.in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = this.in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            this.read += n;
            if (this.read > this.limit) {
                throw new BodyTooLargeException(this.limit);
            }
        }

        @Override
        public boolean isFinished() {
            return this.in.isFinished();
        }

        @Override
        public boolean isReady() {
            return this.in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            this.in.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            this.in.close();
        }
    }
}
