package com.phoenixidp.resourceserver.revocation;

import com.phoenixidp.resourceserver.tls.ClientCertificate;
import com.phoenixidp.resourceserver.tls.ClientCertificateResolver;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses every request whose TLS client certificate is not known to be unrevoked: missing
 * certificate, revoked or unknown to the CA's OCSP responder, or status not obtainable (hard fail).
 * <p>
 * A filter rather than a custom {@code X509TrustManager}: it runs on every request, not only at the
 * handshake, so a revoked certificate on a long-lived keep-alive connection is refused as soon as
 * the cached answer expires; it can answer with a readable JSON body and log the serial; and the
 * OCSP call does not block the TLS handshake.
 */
public final class ClientCertificateRevocationFilter extends OncePerRequestFilter {

    private static final Logger logger = LoggerFactory.getLogger(ClientCertificateRevocationFilter.class);

    private final ClientCertificateResolver certificates;

    private final RevocationChecker checker;

    public ClientCertificateRevocationFilter(ClientCertificateResolver certificates, RevocationChecker checker) {
        this.certificates = certificates;
        this.checker = checker;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ClientCertificate certificate = this.certificates.resolve(request);
        if (certificate == null) {
            logger.warn("Refused {} {}: no TLS client certificate", request.getMethod(), request.getRequestURI());
            refuse(response, "client_certificate_required", "A TLS client certificate is required.");
            return;
        }
        OcspClient.Answer answer;
        try {
            answer = this.checker.check(certificate);
        } catch (RevocationUnavailableException ex) {
            logger.warn(
                    "Refused client certificate serial {} ({}): revocation status unavailable, failing hard: {}",
                    certificate.serialHex(),
                    certificate.subject(),
                    ex.getMessage());
            refuse(
                    response,
                    "certificate_status_unavailable",
                    "The revocation status of the client certificate could not be verified.");
            return;
        }
        switch (answer.status()) {
            case GOOD -> chain.doFilter(request, response);
            case REVOKED -> {
                logger.warn(
                        "Refused revoked client certificate serial {} ({}), revoked at {}",
                        certificate.serialHex(),
                        certificate.subject(),
                        answer.revokedAt());
                refuse(response, "certificate_revoked", "The client certificate has been revoked.");
            }
            default -> {
                logger.warn(
                        "Refused client certificate serial {} ({}): unknown to the OCSP responder",
                        certificate.serialHex(),
                        certificate.subject());
                refuse(response, "certificate_status_unknown", "The client certificate is unknown to its CA.");
            }
        }
    }

    private static void refuse(HttpServletResponse response, String error, String description) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
    }
}
