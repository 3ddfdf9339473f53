package com.phoenixidp.resourceserver;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
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
 * @param revocationList the IdP's list of revoked access tokens, polled ({@link RevocationList})
 * @param dpop DPoP-bound access tokens (RFC 9449), {@link Dpop}
 */
@ConfigurationProperties("phoenix.resource")
public record ResourceServerProperties(
        URI issuer,
        @Nullable URI jwkSetUri,
        @DefaultValue List<String> audiences,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("true") boolean requireBoundTokens,
        @DefaultValue("5m") Duration jwkSetCacheTtl,
        @DefaultValue("30s") Duration jwkSetRefreshMinInterval,
        @Nullable URI ocspUrl,
        @DefaultValue("60s") Duration revocationCache,
        @DefaultValue("3s") Duration revocationTimeout,
        @DefaultValue("60s") Duration verifiedTokenCache,
        @DefaultValue("server") String trustBundle,
        @DefaultValue RevocationList revocationList,
        @DefaultValue Dpop dpop) {

    /** The cache of revocation answers is never longer than this (issue 5: "cached for at most 60 s"). */
    public static final Duration MAX_REVOCATION_CACHE = Duration.ofSeconds(60);

    public ResourceServerProperties {
        if (issuer == null) {
            throw new IllegalArgumentException("phoenix.resource.issuer must be set (the IdP's issuer URL)");
        }
        audiences = List.copyOf(audiences);
        revocationList = (revocationList != null) ? revocationList : RevocationList.DEFAULTS;
        dpop = (dpop != null) ? dpop : Dpop.DEFAULTS;
        if (revocationCache.isNegative() || revocationCache.compareTo(MAX_REVOCATION_CACHE) > 0) {
            revocationCache = MAX_REVOCATION_CACHE;
        }
    }

    public URI effectiveJwkSetUri() {
        return (this.jwkSetUri != null) ? this.jwkSetUri : issuerPath("/oauth2/jwks");
    }

    /** The revocation list: {@code revocation-list.uri}, or the auth-server's {@code <issuer>/oauth2/revoked-tokens}. */
    public URI effectiveRevocationListUri() {
        return (this.revocationList.uri() != null) ? this.revocationList.uri() : issuerPath("/oauth2/revoked-tokens");
    }

    private URI issuerPath(String path) {
        String base = this.issuer.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    /**
     * {@code phoenix.resource.revocation-list.*}: the IdP publishes the {@code jti} of revoked access
     * tokens until they expire; this service polls the list with {@code If-None-Match} and refuses
     * listed tokens, so a revoked token stops working within about one interval.
     *
     * @param enabled poll the list and refuse listed tokens
     * @param uri the list; default {@code <issuer>/oauth2/revoked-tokens}
     * @param interval time between polls
     * @param maxStaleness how old the last successfully fetched list may be before it is considered
     *        unknown: then requests with a token are refused with 503 (fail closed) unless {@code fail-open}
     * @param failOpen with a list older than {@code max-staleness}, keep accepting tokens (with the last list)
     * @param timeout connect and read timeout of one poll
     */
    public record RevocationList(
            @DefaultValue("true") boolean enabled,
            @Nullable URI uri,
            @DefaultValue("2s") Duration interval,
            @DefaultValue("60s") Duration maxStaleness,
            @DefaultValue("false") boolean failOpen,
            @DefaultValue("3s") Duration timeout) {

        public static final RevocationList DEFAULTS = new RevocationList(
                true, null, Duration.ofSeconds(2), Duration.ofSeconds(60), false, Duration.ofSeconds(3));
    }

    /**
     * {@code phoenix.resource.dpop.*}: access tokens bound to a client key (RFC 9449 {@code cnf.jkt})
     * presented as {@code Authorization: DPoP <token>} with a {@code DPoP} proof.
     *
     * @param enabled accept the DPoP scheme
     * @param externalUrl the scheme, host, port (and path prefix) clients use to reach this service,
     *        when it differs from what the request shows (a proxy in front); the proof's {@code htu}
     *        must equal it followed by the request path
     * @param proofMaxAge how far a proof's {@code iat} may lie in the past or the future
     * @param replayCacheSize how many proof {@code jti}s are remembered (for {@code proof-max-age});
     *        when full of unexpired entries, new proofs are refused rather than a replay let through
     * @param algorithms accepted proof signature algorithms (asymmetric only: ES256, RS256, EdDSA)
     */
    public record Dpop(
            @DefaultValue("true") boolean enabled,
            @Nullable URI externalUrl,
            @DefaultValue("60s") Duration proofMaxAge,
            @DefaultValue("100000") int replayCacheSize,
            @DefaultValue({"ES256", "RS256", "EdDSA"}) List<String> algorithms) {

        public static final Dpop DEFAULTS =
                new Dpop(true, null, Duration.ofSeconds(60), 100_000, List.of("ES256", "RS256", "EdDSA"));

        public Dpop {
            algorithms = List.copyOf(algorithms);
        }
    }
}
