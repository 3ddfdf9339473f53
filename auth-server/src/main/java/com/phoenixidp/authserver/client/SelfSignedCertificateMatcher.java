package com.phoenixidp.authserver.client;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * {@code self_signed_tls_client_auth} (RFC 8705 section 2.2): the presented certificate must be
 * one of the certificates ({@code x5c}) or match the {@code x5t#S256} of a key in the client's
 * registered JWK set ({@code jwk-set-uri}). The JWK set is cached for five minutes per URL and
 * fetched again when the certificate is not found (key rollover).
 */
final class SelfSignedCertificateMatcher {

    private static final Duration CACHE = Duration.ofMinutes(5);

    private record Cached(JWKSet set, long fetchedAtNanos) {}

    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    boolean matches(X509Certificate certificate, RegisteredClient client) {
        String url = client.getClientSettings().getJwkSetUrl();
        if (url == null) {
            return false;
        }
        String thumbprint;
        try {
            thumbprint = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException | NoSuchAlgorithmException ex) {
            return false;
        }
        Cached cached = this.cache.get(url);
        if (cached != null
                && System.nanoTime() - cached.fetchedAtNanos() < CACHE.toNanos()
                && contains(cached.set(), certificate, thumbprint)) {
            return true;
        }
        try {
            JWKSet fresh = JWKSet.load(URI.create(url).toURL(), 5000, 5000, 512 * 1024);
            this.cache.put(url, new Cached(fresh, System.nanoTime()));
            return contains(fresh, certificate, thumbprint);
        } catch (Exception ex) {
            return false;
        }
    }

    private static boolean contains(JWKSet set, X509Certificate certificate, String thumbprint) {
        for (JWK jwk : set.getKeys()) {
            if (jwk.getX509CertSHA256Thumbprint() != null
                    && thumbprint.equals(jwk.getX509CertSHA256Thumbprint().toString())) {
                return true;
            }
            List<com.nimbusds.jose.util.Base64> chain = jwk.getX509CertChain();
            if (chain != null && !chain.isEmpty()) {
                try {
                    if (MessageDigest.isEqual(chain.get(0).decode(), certificate.getEncoded())) {
                        return true;
                    }
                } catch (CertificateEncodingException ex) {
                    return false;
                }
            }
        }
        return false;
    }
}
