package com.phoenixidp.resourceserver.token;

import java.util.Collections;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/** RFC 9068 section 4 / RFC 7519 section 4.1.3: the token's {@code aud} must name one of this service's audiences. */
final class AudienceValidator implements OAuth2TokenValidator<Jwt> {

    private final List<String> accepted;

    AudienceValidator(List<String> accepted) {
        this.accepted = List.copyOf(accepted);
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        List<String> audience = jwt.getAudience();
        if (audience != null && !Collections.disjoint(audience, this.accepted)) {
            return OAuth2TokenValidatorResult.success();
        }
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(
                OAuth2ErrorCodes.INVALID_TOKEN,
                "The access token is not meant for this service (aud)",
                "https://datatracker.ietf.org/doc/html/rfc7519#section-4.1.3"));
    }
}
