package com.phoenixidp.authserver.token;

import com.phoenixidp.authserver.session.UserSessions;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;

/**
 * The session claims of an ID token, taken from the sign-in stored with the authorization (so
 * they are right on every node, after a restart and at a refresh):
 * <ul>
 * <li>{@code sid} (OpenID Connect Back-Channel Logout 1.0 section 2.1 / Front-Channel Logout
 * section 3): the sign-in's session id, which logout tokens name ({@link UserSessions#sidOf});</li>
 * <li>{@code auth_time} (OIDC Core section 2): when the user last proved a factor (the newest
 * {@link FactorGrantedAuthority} of the authentication: password or passkey).</li>
 * </ul>
 */
final class SessionClaims {

    static final String SID = "sid";

    private SessionClaims() {}

    static void addTo(JwtEncodingContext context) {
        Authentication principal = context.getPrincipal();
        String sid = UserSessions.sidOf(principal);
        if (sid != null) {
            context.getClaims().claim(SID, sid);
        }
        Instant authTime = authTimeOf(principal);
        if (authTime != null) {
            context.getClaims().claim(IdTokenClaimNames.AUTH_TIME, authTime);
        }
    }

    static @Nullable Instant authTimeOf(Authentication principal) {
        Instant latest = null;
        if (principal != null) {
            for (GrantedAuthority authority : principal.getAuthorities()) {
                if (authority instanceof FactorGrantedAuthority factor
                        && factor.getIssuedAt() != null
                        && (latest == null || factor.getIssuedAt().isAfter(latest))) {
                    latest = factor.getIssuedAt();
                }
            }
        }
        return latest;
    }
}
