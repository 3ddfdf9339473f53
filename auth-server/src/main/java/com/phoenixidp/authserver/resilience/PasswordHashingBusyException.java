package com.phoenixidp.authserver.resilience;

/**
 * Every password-hashing slot is taken and the small queue in front of them is full: the request
 * that needed a hash is answered 503 at once ({@link ServiceUnavailableFilter}), not queued.
 * Not an {@code AuthenticationException}: a busy server is not a wrong password, so it neither
 * counts towards the failed-login lock nor reaches the login failure handler.
 */
public final class PasswordHashingBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PasswordHashingBusyException() {
        super("password hashing is saturated", null, false, false);
    }
}
