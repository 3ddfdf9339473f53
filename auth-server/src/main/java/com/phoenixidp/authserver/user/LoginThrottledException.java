package com.phoenixidp.authserver.user;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/**
 * A password attempt refused without checking the password, because the account is in its
 * back-off or the client address reached its limit ({@link PasswordThrottle}). The login page
 * shows it as any other failure; the password grant answers 429 with {@code Retry-After}.
 */
public final class LoginThrottledException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public LoginThrottledException(Duration retryAfter) {
        super("Too many attempts; retry later.");
        this.retryAfter = retryAfter;
    }

    /** How long until a password attempt may be made again (at least one second). */
    public Duration retryAfter() {
        return (this.retryAfter.compareTo(Duration.ofSeconds(1)) < 0) ? Duration.ofSeconds(1) : this.retryAfter;
    }
}
