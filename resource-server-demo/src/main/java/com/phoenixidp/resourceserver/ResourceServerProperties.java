package com.phoenixidp.resourceserver;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code phoenix.resource.*}: how this service validates callers (RFC 6750 bearer tokens, RFC 8705
 * certificate-bound tokens, RFC 6960 OCSP revocation checks of the TLS client certificate).
 *
 * @param issuer expected {@code iss} of access tokens (required)
 * @param jwkSetUri the IdP's JWK set; default {@code <issuer>/oauth2/jwks}
 * @param audiences accepted {@code aud} values; empty = audience not checked (warned at startup)
 * @param clockSkew tolerance for {@code exp}/{@code nbf}
 * @param requireBoundTokens refuse tokens without {@code cnf.x5t#S256}
 * @param jwkSetCacheTtl how long a fetched JWK set is used before it is fetched again (an unknown
 *        {@code kid} triggers an earlier refresh)
 * @param jwkSetRefreshMinInterval at most one unknown-kid refresh per this interval (rate limit)
 * @param ocspUrl OCSP responder overriding the certificate's AIA (optional)
 * @param revocationCache how long an OCSP answer is reused; capped at 60 s
 * @param revocationTimeout connect and read timeout of the OCSP call
 * @param verifiedTokenCache how long a token whose signature, issuer and audience were verified is remembered
 *        (0 = off; capped by {@code jwk-set-cache-ttl}); expiry and certificate binding are checked on every request
 * @param trustBundle SSL bundle whose trust material verifies HTTPS to the IdP and the OCSP responder
 *        and supplies issuer certificates for OCSP requests
 */
@ConfigurationProperties("phoenix.resource")
public record ResourceServerProperties(
        URI issuer,
        URI jwkSetUri,
        @DefaultValue List<String> audiences,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("true") boolean requireBoundTokens,
        @DefaultValue("5m") Duration jwkSetCacheTtl,
        @DefaultValue("30s") Duration jwkSetRefreshMinInterval,
        URI ocspUrl,
        @DefaultValue("60s") Duration revocationCache,
        @DefaultValue("3s") Duration revocationTimeout,
        @DefaultValue("60s") Duration verifiedTokenCache,
        @DefaultValue("server") String trustBundle) {

    /** The cache of revocation answers is never longer than this (issue 5: "cached for at most 60 s"). */
    public static final Duration MAX_REVOCATION_CACHE = Duration.ofSeconds(60);

    public ResourceServerProperties {
        if (issuer == null) {
            throw new IllegalArgumentException("phoenix.resource.issuer must be set (the IdP's issuer URL)");
        }
        audiences = List.copyOf(audiences);
        if (revocationCache.isNegative() || revocationCache.compareTo(MAX_REVOCATION_CACHE) > 0) {
            revocationCache = MAX_REVOCATION_CACHE;
        }
    }

    public URI effectiveJwkSetUri() {
        if (this.jwkSetUri != null) {
            return this.jwkSetUri;
        }
        String base = this.issuer.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/oauth2/jwks");
    }
}
