package com.phoenixidp.authserver.passwordreset;

/**
 * A reset link that cannot be used: unknown, expired, already used, or its account is disabled.
 * The page says only that the link no longer works; the reason stays in the audit stream.
 */
public final class InvalidResetLinkException extends RuntimeException {

    public InvalidResetLinkException() {
        super("the password-reset link is unknown, expired or used");
    }
}
