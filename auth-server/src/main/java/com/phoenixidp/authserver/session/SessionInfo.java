package com.phoenixidp.authserver.session;

import java.time.Instant;
import java.util.List;

/**
 * A signed-in browser session as shown to admins and to the user: {@code id} is a reference
 * derived from the session id (a hash), never the session cookie's value itself.
 */
public record SessionInfo(
        String id, Instant created, Instant lastSeen, String address, String userAgent, List<String> clients) {

    public SessionInfo {
        clients = List.copyOf(clients);
    }
}
