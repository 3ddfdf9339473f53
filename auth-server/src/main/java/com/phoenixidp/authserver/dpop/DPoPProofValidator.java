package com.phoenixidp.authserver.dpop;

import com.nimbusds.jose.jwk.JWK;
import com.phoenixidp.authserver.token.JtiReplayCache;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.DPoPProofContext;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The claims of a DPoP proof at the token endpoint (RFC 9449 section 4.3), after Spring's
 * {@code DPoPProofJwtDecoderFactory} has checked the header ({@code typ: dpop+jwt}, an asymmetric
 * {@code alg}, a public {@code jwk}) and the signature; each check in the order of section 4.3:
 * <ol>
 * <li>(step 9) {@code htm} is the request's method;</li>
 * <li>(step 10) {@code htu} is the token endpoint URL built from this server's issuer, without
 * query and fragment (so it holds behind a proxy, where the request URL may differ);</li>
 * <li>(step 11) {@code iat} within 60 seconds of now, either way;</li>
 * <li>(step 12, section 11.1) {@code jti} present and not seen before for this key, on every node
 * ({@link JtiReplayCache}); checked last so that only an otherwise valid proof consumes it.</li>
 * </ol>
 */
final class DPoPProofValidator implements OAuth2TokenValidator<Jwt> {

    /** RFC 9449 section 11.1: proofs are accepted for a short window only. */
    static final Duration WINDOW = Duration.ofSeconds(60);

    private final DPoPProofContext context;

    private final String expectedTargetUri;

    private final JtiReplayCache jtis;

    private final Clock clock;

    DPoPProofValidator(DPoPProofContext context, String expectedTargetUri, JtiReplayCache jtis, Clock clock) {
        this.context = Objects.requireNonNull(context, "context");
        this.expectedTargetUri = Objects.requireNonNull(expectedTargetUri, "expectedTargetUri");
        this.jtis = Objects.requireNonNull(jtis, "jtis");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt proof) {
        if (!this.context.getMethod().equals(proof.getClaimAsString("htm"))) {
            return failure("htm does not match the request method");
        }
        if (!this.expectedTargetUri.equals(withoutQueryAndFragment(proof.getClaimAsString("htu")))) {
            return failure("htu does not match the token endpoint");
        }
        Instant issuedAt = proof.getIssuedAt();
        Instant now = this.clock.instant();
        if (issuedAt == null || issuedAt.isBefore(now.minus(WINDOW)) || issuedAt.isAfter(now.plus(WINDOW))) {
            return failure("iat is missing or outside the accepted window");
        }
        String jti = proof.getId();
        if (jti == null || jti.isBlank()) {
            return failure("jti is required");
        }
        if (!this.jtis.firstUse(
                "dpop:" + thumbprint(proof), jti, issuedAt.plus(WINDOW).plus(WINDOW))) {
            return failure("jti was already used");
        }
        return OAuth2TokenValidatorResult.success();
    }

    /** RFC 7638 SHA-256 thumbprint of the proof's {@code jwk} header. */
    static String thumbprint(Jwt proof) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> jwk = (Map<String, Object>) proof.getHeaders().get("jwk");
            return JWK.parse(jwk).computeThumbprint().toString();
        } catch (Exception ex) {
            throw new IllegalArgumentException("jwk header is missing or invalid", ex);
        }
    }

    private static @Nullable String withoutQueryAndFragment(@Nullable String htu) {
        if (htu == null) {
            return null;
        }
        try {
            URI uri = new URI(htu);
            return new URI(uri.getScheme(), uri.getAuthority(), uri.getPath(), null, null).toString();
        } catch (Exception ex) {
            return null;
        }
    }

    private static OAuth2TokenValidatorResult failure(String reason) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(
                OAuth2ErrorCodes.INVALID_DPOP_PROOF,
                "DPoP proof rejected: " + reason,
                "https://datatracker.ietf.org/doc/html/rfc9449#section-4.3"));
    }
}
