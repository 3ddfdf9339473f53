package com.phoenixidp.authserver.client;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.security.auth.x500.X500Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Mutual-TLS client authentication (RFC 8705 section 2): for {@code tls_client_auth} the
 * certificate (already chain-validated by the TLS layer against the CA root) must carry the
 * registered subject DN (compared as X.500 names, RFC 4514 spelling does not matter) or the
 * registered DNS / URI subject alternative name, and must not be revoked; for
 * {@code self_signed_tls_client_auth} it must match a key in the client's registered JWK set.
 */
public final class ClientCertificateVerifier implements Consumer<OAuth2ClientAuthenticationContext> {

    /** Client setting: the DNS SAN a {@code tls_client_auth} certificate must carry. */
    public static final String TLS_SAN_DNS = "settings.client.phoenix.tls-san-dns";

    /** Client setting: the URI SAN (e.g. a SPIFFE ID) a certificate must carry. */
    public static final String TLS_SAN_URI = "settings.client.phoenix.tls-san-uri";

    private static final Logger LOG = LoggerFactory.getLogger(ClientCertificateVerifier.class);

    private static final int SAN_DNS = 2;

    private static final int SAN_URI = 6;

    private final SelfSignedCertificateMatcher selfSigned = new SelfSignedCertificateMatcher();

    private final ClientCertificateStatus status;

    public ClientCertificateVerifier(ClientCertificateStatus status) {
        this.status = Objects.requireNonNull(status, "status");
    }

    @Override
    public void accept(OAuth2ClientAuthenticationContext context) {
        OAuth2ClientAuthenticationToken authentication = context.getAuthentication();
        ClientAuthenticationMethod method = authentication.getClientAuthenticationMethod();
        X509Certificate[] chain = (authentication.getCredentials() instanceof X509Certificate[] certs) ? certs : null;
        if (chain == null || chain.length == 0) {
            throw invalidClient("no client certificate");
        }
        X509Certificate certificate = chain[0];
        RegisteredClient client = context.getRegisteredClient();
        if (ClientAuthenticationMethod.SELF_SIGNED_TLS_CLIENT_AUTH.equals(method)) {
            if (!this.selfSigned.matches(certificate, client)) {
                LOG.info(
                        "self_signed_tls_client_auth for client {} refused: certificate not in its JWK set",
                        client.getClientId());
                throw invalidClient("certificate does not match the client's registered keys");
            }
            return;
        }
        if (!matchesRegistration(certificate, client)) {
            LOG.info(
                    "tls_client_auth for client {} refused: certificate subject {} does not match its registration",
                    client.getClientId(),
                    certificate.getSubjectX500Principal().getName());
            throw invalidClient("certificate does not match the client's registration");
        }
        if (this.status.isRevoked(certificate)) {
            LOG.warn(
                    "tls_client_auth for client {} refused: certificate serial {} is revoked",
                    client.getClientId(),
                    certificate.getSerialNumber().toString(16));
            throw invalidClient("certificate revoked");
        }
    }

    static boolean matchesRegistration(X509Certificate certificate, RegisteredClient client) {
        String expectedDn = client.getClientSettings().getX509CertificateSubjectDN();
        if (expectedDn != null && !expectedDn.isBlank()) {
            try {
                return new X500Principal(expectedDn).equals(certificate.getSubjectX500Principal());
            } catch (IllegalArgumentException ex) {
                return false;
            }
        }
        String dns = client.getClientSettings().getSetting(TLS_SAN_DNS);
        if (dns != null) {
            return subjectAltNames(certificate, SAN_DNS).stream().anyMatch(dns::equalsIgnoreCase);
        }
        String uri = client.getClientSettings().getSetting(TLS_SAN_URI);
        if (uri != null) {
            return subjectAltNames(certificate, SAN_URI).contains(uri);
        }
        return false;
    }

    private static List<String> subjectAltNames(X509Certificate certificate, int type) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return List.of();
            }
            return names.stream()
                    .filter((n) -> n.size() >= 2 && Integer.valueOf(type).equals(n.get(0)))
                    .map((n) -> String.valueOf(n.get(1)))
                    .toList();
        } catch (CertificateParsingException ex) {
            return List.of();
        }
    }

    private static OAuth2AuthenticationException invalidClient(String reason) {
        return new OAuth2AuthenticationException(new OAuth2Error(
                OAuth2ErrorCodes.INVALID_CLIENT,
                "Client authentication failed: " + reason,
                "https://datatracker.ietf.org/doc/html/rfc8705#section-2"));
    }
}
