package com.phoenixidp.authserver.grant;

import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * Grant types Spring Security no longer defines: the resource-owner password grant (RFC 6749
 * section 4.3) and the implicit grant (RFC 6749 section 4.2). Both are discouraged by RFC 9700
 * section 2.4 / 2.1.2 and are off unless a client opts in.
 */
public final class LegacyGrantTypes {

    /** RFC 6749 section 4.3 ({@code grant_type=password}). */
    public static final AuthorizationGrantType PASSWORD = new AuthorizationGrantType("password");

    /** RFC 6749 section 4.2 ({@code response_type=token}); never sent as a grant_type. */
    public static final AuthorizationGrantType IMPLICIT = new AuthorizationGrantType("implicit");

    private LegacyGrantTypes() {}
}
