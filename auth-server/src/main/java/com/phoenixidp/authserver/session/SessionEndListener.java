package com.phoenixidp.authserver.session;

import java.util.List;

/**
 * Told about sessions just before they end ({@link UserSessions}): by an admin, a disabled,
 * renamed or deleted user, a password change or reset, "sign out my other sessions", the user's
 * own sign-out or an RP-initiated logout. Called in the caller's transaction when there is one,
 * so what a listener writes commits or rolls back with the change that ends the sessions.
 */
public interface SessionEndListener {

    void sessionsEnding(List<EndedSession> sessions);
}
