package com.phoenixidp.authserver.passkey;

import jakarta.servlet.http.HttpSession;
import java.util.List;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * What the page filter chain needs to know about passkeys: the paths open before sign-in (the
 * CSRF-protected ceremony endpoints check the session state themselves) and the rule for
 * {@code /account}: signed in, or password-verified with the passkey step pending (to register a
 * first passkey).
 */
public final class PasskeyWebSecurity {

    /** Open paths: the passkey script, the login ceremony, the second-factor page and ceremony. */
    public static final List<String> PUBLIC_PATHS = List.of("/js/**", "/passkey/**", "/login/passkey");

    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    private PasskeyWebSecurity() {}

    /** {@code /account/**}: a full sign-in, or the pending second-factor state in the session. */
    public static AuthorizationManager<RequestAuthorizationContext> accountAccess() {
        return (authentication, context) -> {
            if (TRUST.isAuthenticated(authentication.get())) {
                return new AuthorizationDecision(true);
            }
            HttpSession session = context.getRequest().getSession(false);
            return new AuthorizationDecision(session != null && session.getAttribute(PasskeySignIn.PENDING) != null);
        };
    }
}
