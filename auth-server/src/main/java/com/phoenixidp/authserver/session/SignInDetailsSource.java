package com.phoenixidp.authserver.session;

import jakarta.servlet.http.HttpServletRequest;
import java.security.SecureRandom;
import java.util.Objects;
import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * The details of a sign-in (password form, passkey): the client address, and, in the field
 * Spring Security uses for the session id, a fresh random OpenID Connect session id
 * ({@code sid}) instead. Spring's default would store the pre-sign-in session id (a value a
 * cookie once carried) with every authorization; this value is never a cookie, identifies the
 * sign-in, is put into ID tokens ({@code sid} claim, OIDC Back-Channel Logout 1.0 section 2.1)
 * and into the session ({@link UserSessions#SID}), so a logout token can name it.
 */
@Component
public class SignInDetailsSource implements AuthenticationDetailsSource<HttpServletRequest, WebAuthenticationDetails> {

    private final SecureRandom random;

    public SignInDetailsSource(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public WebAuthenticationDetails buildDetails(HttpServletRequest request) {
        return new WebAuthenticationDetails(request.getRemoteAddr(), UserSessions.newSid(this.random));
    }
}
