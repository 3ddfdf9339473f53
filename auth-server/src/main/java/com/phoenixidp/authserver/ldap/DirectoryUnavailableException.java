package com.phoenixidp.authserver.ldap;

import org.springframework.security.authentication.AuthenticationServiceException;

/**
 * No configured directory server answered (connection refused, timed out, TLS failed, busy):
 * directory users see "directory unavailable" on the sign-in page; local users are not affected.
 * The message names the servers' state, never a password.
 */
public final class DirectoryUnavailableException extends AuthenticationServiceException {

    private static final long serialVersionUID = 1L;

    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
