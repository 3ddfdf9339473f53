package com.phoenixidp.resourceserver.token;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Refuses an access token the IdP's revocation list ({@link RevokedTokenList}) revokes: its
 * {@code jti} is listed, or its client is listed ({@code client_id} claim, RFC 9068 section 2.2) and
 * the token was issued before the client's {@code not_before} ({@code iat} earlier, or no
 * {@code iat}). Both answer {@code invalid_token} (RFC 6750 section 3.1). Runs on every request, also
 * for tokens taken from the {@link VerifiedTokenCache}, so a revocation takes effect as soon as the
 * list is polled; when no client is listed the client check is one look-up in an empty map.
 */
final class RevokedTokenValidator implements OAuth2TokenValidator<Jwt> {

    private static final Logger logger = LoggerFactory.getLogger(RevokedTokenValidator.class);

    private static final String CLIENT_ID = "client_id";

    private final RevokedTokenList revoked;

    RevokedTokenValidator(RevokedTokenList revoked) {
        this.revoked = revoked;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        if (this.revoked.isRevoked(jwt.getId())) {
            logger.info(
                    "Rejected revoked access token (sub={}, client_id={}, jti={})",
                    jwt.getSubject(),
                    clientId(jwt),
                    jwt.getId());
            return revokedToken();
        }
        String clientId = clientId(jwt);
        Instant notBefore = this.revoked.clientNotBefore(clientId);
        if (notBefore != null && issuedBefore(jwt, notBefore)) {
            logger.info(
                    "Rejected access token of a revoked client (sub={}, client_id={}, jti={}, iat={}, not_before={})",
                    jwt.getSubject(),
                    clientId,
                    jwt.getId(),
                    jwt.getIssuedAt(),
                    notBefore);
            return revokedToken();
        }
        return OAuth2TokenValidatorResult.success();
    }

    /** The {@code client_id} claim, read from the claims map (no conversion on the hot path). */
    private static @Nullable String clientId(Jwt jwt) {
        Object clientId = jwt.getClaims().get(CLIENT_ID);
        return (clientId != null) ? clientId.toString() : null;
    }

    /** {@code iat} strictly before {@code notBefore}; a token without {@code iat} cannot show it is newer. */
    private static boolean issuedBefore(Jwt jwt, Instant notBefore) {
        Instant issuedAt = jwt.getIssuedAt();
        return issuedAt == null || issuedAt.isBefore(notBefore);
    }

    private static OAuth2TokenValidatorResult revokedToken() {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(
                OAuth2ErrorCodes.INVALID_TOKEN,
                "The access token has been revoked",
                "https://datatracker.ietf.org/doc/html/rfc6750#section-3.1"));
    }
}
