package com.phoenixidp.authserver.session;

import java.util.List;

/**
 * A browser session that is ending: whose it was ({@code username}, the {@code sub} of its ID
 * tokens), its OpenID Connect session id ({@code sid}; null for a session that signed in before
 * sids existed) and the client ids it signed in to.
 */
public record EndedSession(String username, String sid, List<String> clients) {

    public EndedSession {
        clients = List.copyOf(clients);
    }
}
