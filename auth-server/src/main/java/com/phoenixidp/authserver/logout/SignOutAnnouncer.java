package com.phoenixidp.authserver.logout;

import com.phoenixidp.authserver.session.UserSessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;

/**
 * Announces the end of the browser's own session ({@link UserSessions#ending}) before it is
 * invalidated, so its clients get logout tokens: on the IdP's sign-out ({@code POST /logout},
 * as a {@link LogoutHandler}) and on OpenID Connect RP-Initiated Logout ({@code /connect/logout},
 * wrapping Spring Authorization Server's response handler, which then ends the session and
 * redirects). An RP-initiated logout from a browser that is no longer signed in ends nothing and
 * announces nothing.
 */
@Component
public class SignOutAnnouncer implements LogoutHandler {

    private final UserSessions sessions;

    public SignOutAnnouncer(UserSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void logout(
            HttpServletRequest request, HttpServletResponse response, @Nullable Authentication authentication) {
        if (authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            this.sessions.ending(authentication.getName(), request.getSession(false));
        }
    }

    /** SAS's RP-initiated logout response handler, announcing the session it is about to end. */
    public AuthenticationSuccessHandler rpInitiatedLogout(AuthenticationSuccessHandler delegate) {
        return (request, response, authentication) -> {
            if (authentication instanceof OidcLogoutAuthenticationToken logout
                    && logout.isPrincipalAuthenticated()
                    && logout.getPrincipal() instanceof Authentication user) {
                this.sessions.ending(user.getName(), request.getSession(false));
            }
            delegate.onAuthenticationSuccess(request, response, authentication);
        };
    }
}
