package com.phoenixidp.resourceserver.token;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Refuses an access token whose {@code jti} is on the IdP's revocation list ({@link RevokedTokenList}).
 * Runs on every request, also for tokens taken from the {@link VerifiedTokenCache}, so a revocation
 * takes effect as soon as the list is polled.
 */
final class RevokedTokenValidator implements OAuth2TokenValidator<Jwt> {

    private static final Logger logger = LoggerFactory.getLogger(RevokedTokenValidator.class);

    private final RevokedTokenList revoked;

    RevokedTokenValidator(RevokedTokenList revoked) {
        this.revoked = revoked;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        if (!this.revoked.isRevoked(jwt.getId())) {
            return OAuth2TokenValidatorResult.success();
        }
        logger.info(
                "Rejected revoked access token (sub={}, client_id={}, jti={})",
                jwt.getSubject(),
                jwt.getClaimAsString("client_id"),
                jwt.getId());
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(
                OAuth2ErrorCodes.INVALID_TOKEN,
                "The access token has been revoked",
                "https://datatracker.ietf.org/doc/html/rfc6750#section-3.1"));
    }
}
