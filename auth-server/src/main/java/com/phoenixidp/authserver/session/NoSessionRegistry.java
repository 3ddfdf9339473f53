package com.phoenixidp.authserver.session;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.stereotype.Component;

/**
 * The {@link SessionRegistry} Spring Authorization Server uses for OpenID Connect sessions: one
 * that remembers nothing. Without a bean, SAS keeps its own in memory: lost on restart, unknown
 * to other nodes, never emptied (Spring Session JDBC publishes no session-destroyed events), and
 * at the code exchange it picks the user's most recently used session, which is not necessarily
 * the one that approved the request. Phoenix instead carries the {@code sid} of the sign-in with
 * the authentication itself ({@link SignInDetailsSource}) and in the session ({@link UserSessions#SID}).
 * With nothing registered, SAS adds no {@code sid}/{@code auth_time} of its own and its
 * RP-initiated logout does not compare the ID token's {@code sid} with a registry entry.
 */
@Component
public class NoSessionRegistry implements SessionRegistry {

    @Override
    public List<Object> getAllPrincipals() {
        return List.of();
    }

    @Override
    public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
        return List.of();
    }

    @Override
    public @Nullable SessionInformation getSessionInformation(String sessionId) {
        return null;
    }

    @Override
    public void refreshLastRequest(String sessionId) {
        // nothing is registered
    }

    @Override
    public void registerNewSession(String sessionId, Object principal) {
        // the sid travels with the authentication instead (SignInDetailsSource)
    }

    @Override
    public void removeSessionInformation(String sessionId) {
        // nothing is registered
    }
}
