package com.phoenixidp.authserver.grant;

import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/**
 * A password grant refused by the sign-in throttle, before the password was checked. RFC 6749
 * section 5.2 has no error code for it, so it is {@code invalid_grant} with the description "too
 * many attempts, retry later", answered with status 429 and {@code Retry-After} (RFC 6585 section
 * 4) by {@link ThrottledTokenErrorHandler}.
 */
public final class PasswordGrantThrottledException extends OAuth2AuthenticationException {

    private static final long serialVersionUID = 1L;

    static final String DESCRIPTION = "too many attempts, retry later";

    private final Duration retryAfter;

    public PasswordGrantThrottledException(Duration retryAfter) {
        super(new OAuth2Error(
                OAuth2ErrorCodes.INVALID_GRANT,
                DESCRIPTION,
                "https://datatracker.ietf.org/doc/html/rfc6585#section-4"));
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, rounded up, at least one. */
    public long retryAfterSeconds() {
        long seconds = (this.retryAfter.toMillis() + 999) / 1000;
        return Math.max(1, seconds);
    }
}
