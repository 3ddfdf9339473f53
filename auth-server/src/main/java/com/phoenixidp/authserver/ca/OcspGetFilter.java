package com.phoenixidp.authserver.ca;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * OCSP over GET (RFC 6960 appendix A.1: {@code GET /pki/ocsp/<url-encoded base64 DER request>}),
 * as Java's own revocation checker sends it. Base64 contains {@code /}, which arrives
 * percent-encoded as {@code %2F}; the web firewall rightly refuses encoded slashes everywhere, so
 * this one read-only path is answered here, before it, from the raw request URI. Nothing else
 * is served: the OCSP responder never throws on bad input (it answers {@code malformedRequest}).
 */
final class OcspGetFilter extends OncePerRequestFilter {

    static final String PREFIX = "/pki/ocsp/";

    private final CertificateAuthorityHolder authority;

    OcspGetFilter(CertificateAuthorityHolder authority) {
        this.authority = authority;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || !request.getRequestURI().startsWith(PREFIX);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String encoded = request.getRequestURI().substring(PREFIX.length());
        byte[] der;
        try {
            // path encoding: '+' is a literal plus here, not a space
            der = Base64.getDecoder().decode(URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException ex) {
            der = new byte[0];
        }
        byte[] answer = this.authority.get().ocspResponder().respond(der);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/ocsp-response");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
    }
}
