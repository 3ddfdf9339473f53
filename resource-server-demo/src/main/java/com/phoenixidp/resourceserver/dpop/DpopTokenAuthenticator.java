package com.phoenixidp.resourceserver.dpop;

import com.phoenixidp.resourceserver.ResourceServerProperties;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A DPoP-bound access token presented as {@code Authorization: DPoP <token>} (RFC 9449 section 7):
 * the proof is verified ({@link DpopProofVerifier}), the access token decoded and validated like
 * any other (signature, {@code typ}, claims, revocation list, certificate binding if it has one),
 * its {@code cnf.jkt} compared with the proof key's thumbprint, and only then is the proof's
 * {@code jti} recorded against replay. Failures of the proof answer {@code invalid_dpop_proof};
 * failures of the token, or of its binding to the proof key, {@code invalid_token} (section 7.1).
 */
public final class DpopTokenAuthenticator {

    /** RFC 9449 section 12.2. */
    public static final String INVALID_DPOP_PROOF = "invalid_dpop_proof";

    private static final Logger logger = LoggerFactory.getLogger(DpopTokenAuthenticator.class);

    private static final String RFC_PROOF = "https://datatracker.ietf.org/doc/html/rfc9449#section-4.3";

    private static final String RFC_TOKEN = "https://datatracker.ietf.org/doc/html/rfc9449#section-7.1";

    private final JwtDecoder accessTokens;

    private final DpopProofVerifier proofs;

    private final DpopReplayCache replays;

    private final Duration maxAge;

    DpopTokenAuthenticator(
            JwtDecoder accessTokens, DpopProofVerifier proofs, DpopReplayCache replays, Duration maxAge) {
        this.accessTokens = accessTokens;
        this.proofs = proofs;
        this.replays = replays;
        this.maxAge = maxAge;
    }

    /** As configured by {@code phoenix.resource.dpop.*}, decoding access tokens with {@code accessTokens}. */
    public static DpopTokenAuthenticator create(
            ResourceServerProperties.Dpop properties, JwtDecoder accessTokens, Clock clock) {
        return new DpopTokenAuthenticator(
                accessTokens,
                new DpopProofVerifier(properties.algorithms(), properties.proofMaxAge(), clock),
                new DpopReplayCache(properties.replayCacheSize(), clock),
                properties.proofMaxAge());
    }

    /**
     * The validated access token.
     *
     * @param accessToken the token from the {@code Authorization: DPoP} header
     * @param proofHeaders every value of the {@code DPoP} header (there must be exactly one)
     * @param method the request's method
     * @param uri the request's URI as the client addressed it
     * @throws OAuth2AuthenticationException {@code invalid_dpop_proof} or {@code invalid_token}
     */
    public Jwt authenticate(String accessToken, List<String> proofHeaders, String method, URI uri) {
        DpopProof proof = verifiedProof(accessToken, proofHeaders, method, uri);
        Jwt jwt = decode(accessToken);
        checkBinding(jwt, proof);
        checkNotReplayed(jwt, proof);
        return jwt;
    }

    /** Section 4.3 step 1 (exactly one {@code DPoP} header), then the proof itself. */
    private DpopProof verifiedProof(String accessToken, List<String> proofHeaders, String method, URI uri) {
        try {
            if (proofHeaders.isEmpty()) {
                throw new InvalidDpopProofException(InvalidDpopProofException.Reason.MISSING, "no DPoP header");
            }
            if (proofHeaders.size() > 1) {
                throw new InvalidDpopProofException(InvalidDpopProofException.Reason.MULTIPLE, "several DPoP headers");
            }
            return this.proofs.verify(proofHeaders.get(0), method, uri, accessToken);
        } catch (InvalidDpopProofException ex) {
            throw invalidProof(ex);
        }
    }

    private Jwt decode(String accessToken) {
        try {
            return this.accessTokens.decode(accessToken);
        } catch (BadJwtException ex) {
            throw new OAuth2AuthenticationException(
                    new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, ex.getMessage(), RFC_TOKEN), ex);
        } catch (JwtException ex) {
            throw new AuthenticationServiceException(ex.getMessage(), ex);
        }
    }

    /** Section 7.1: the token must be bound ({@code cnf.jkt}) to the key that signed the proof. */
    private static void checkBinding(Jwt jwt, DpopProof proof) {
        Object cnf = jwt.getClaims().get("cnf");
        if (!(cnf instanceof Map<?, ?> confirmation) || !(confirmation.get("jkt") instanceof String jkt)) {
            throw invalidToken(jwt, "the token is not DPoP-bound (no cnf.jkt)", "The access token is not DPoP-bound");
        }
        if (!MessageDigest.isEqual(
                jkt.getBytes(StandardCharsets.US_ASCII), proof.thumbprint().getBytes(StandardCharsets.US_ASCII))) {
            throw invalidToken(
                    jwt, "cnf.jkt does not match the DPoP proof key " + proof.thumbprint(), "Invalid DPoP key binding");
        }
    }

    /** Section 11.1: a proof is accepted once within its window. */
    private void checkNotReplayed(Jwt jwt, DpopProof proof) {
        DpopReplayCache.Use use = this.replays.use(
                proof.thumbprint() + '.' + proof.jti(), proof.issuedAt().plus(this.maxAge));
        if (use == DpopReplayCache.Use.FIRST) {
            return;
        }
        if (use == DpopReplayCache.Use.FULL) {
            logger.warn(
                    "DPoP replay cache is full ({} entries of the last {}): proof refused",
                    this.replays.size(),
                    this.maxAge);
            throw invalidProof(new InvalidDpopProofException(
                    InvalidDpopProofException.Reason.REPLAY_CACHE_FULL, "replay cache full"));
        }
        throw invalidProof(new InvalidDpopProofException(
                InvalidDpopProofException.Reason.REPLAYED, "jti " + proof.jti() + " of token jti " + jwt.getId()));
    }

    private static OAuth2AuthenticationException invalidProof(InvalidDpopProofException ex) {
        logger.info("Rejected DPoP proof: {}", ex.getMessage());
        return new OAuth2AuthenticationException(
                new OAuth2Error(INVALID_DPOP_PROOF, ex.reason().description(), RFC_PROOF), ex);
    }

    private static OAuth2AuthenticationException invalidToken(Jwt jwt, String detail, String description) {
        logger.info(
                "Rejected DPoP access token (sub={}, client_id={}, jti={}): {}",
                jwt.getSubject(),
                jwt.getClaimAsString("client_id"),
                jwt.getId(),
                detail);
        return new OAuth2AuthenticationException(
                new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, RFC_TOKEN));
    }
}
