package com.phoenixidp.resourceserver.tls;

import jakarta.servlet.http.HttpServletRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Reads the TLS client certificate of the current request ({@code jakarta.servlet.request.X509Certificate},
 * Servlet 6 section 3.10) and computes its {@code x5t#S256} thumbprint once per certificate, not per
 * request: thumbprints are cached keyed by the certificate (whose hash code the JDK caches, so a hit on
 * a keep-alive connection, where Tomcat hands out the same certificate objects, costs no digest;
 * bounded, cleared when full) and the result is memoised on the request for the filter and the validator.
 */
@Component
public final class ClientCertificateResolver {

    static final String SERVLET_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

    private static final String REQUEST_ATTRIBUTE = ClientCertificateResolver.class.getName() + ".certificate";

    private static final int MAX_CACHED = 10_000;

    private final Map<X509Certificate, String> thumbprints = new ConcurrentHashMap<>();

    /** The client certificate of this request, or {@code null} when the connection has none. */
    public @Nullable ClientCertificate resolve(HttpServletRequest request) {
        Object memo = request.getAttribute(REQUEST_ATTRIBUTE);
        if (memo instanceof ClientCertificate certificate) {
            return certificate;
        }
        Object attribute = request.getAttribute(SERVLET_ATTRIBUTE);
        if (!(attribute instanceof X509Certificate[] chain) || chain.length == 0) {
            return null;
        }
        ClientCertificate certificate = new ClientCertificate(chain[0], Arrays.asList(chain), thumbprint(chain[0]));
        request.setAttribute(REQUEST_ATTRIBUTE, certificate);
        return certificate;
    }

    /** The client certificate of the request bound to the current thread, or {@code null}. */
    public @Nullable ClientCertificate current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            return resolve(servlet.getRequest());
        }
        return null;
    }

    String thumbprint(X509Certificate certificate) {
        String cached = this.thumbprints.get(certificate);
        if (cached != null) {
            return cached;
        }
        String computed = computeThumbprint(certificate);
        if (this.thumbprints.size() >= MAX_CACHED) {
            this.thumbprints.clear();
        }
        this.thumbprints.put(certificate, computed);
        return computed;
    }

    /** RFC 8705 section 3.1: base64url-encoded SHA-256 hash of the DER-encoded certificate. */
    public static String computeThumbprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException ex) {
            throw new IllegalStateException("Cannot compute certificate thumbprint", ex);
        }
    }
}
