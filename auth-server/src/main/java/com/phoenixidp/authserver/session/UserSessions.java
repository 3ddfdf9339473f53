package com.phoenixidp.authserver.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * The browser sessions of each user, kept in the database by Spring Session JDBC, so listing or
 * ending them works on every node at once: an admin's force sign-out, a disabled or deleted
 * user, a password change that ends the user's other sessions. Sessions carry, as attributes,
 * the address and user agent they signed in from and the clients they signed in to.
 */
@Component
public class UserSessions {

    /** Session attribute: the client address at sign-in. */
    public static final String ADDRESS = "phoenix.session.address";

    /** Session attribute: the browser's User-Agent at sign-in (at most 200 characters). */
    public static final String USER_AGENT = "phoenix.session.user-agent";

    /** Session attribute: the client ids this session signed in to (comma-separated). */
    public static final String CLIENTS = "phoenix.session.clients";

    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    public UserSessions(FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.sessions = sessions;
    }

    /** The user's live sessions, most recently used first. */
    public List<SessionInfo> list(String username) {
        List<SessionInfo> result = new ArrayList<>();
        for (Session session : byUser(username)) {
            result.add(new SessionInfo(
                    reference(session.getId()),
                    session.getCreationTime(),
                    session.getLastAccessedTime(),
                    session.getAttribute(ADDRESS),
                    session.getAttribute(USER_AGENT),
                    clientsOf(session.getAttribute(CLIENTS))));
        }
        result.sort(Comparator.comparing(SessionInfo::lastSeen).reversed());
        return result;
    }

    /** Ends every session of the user; returns how many. */
    public int endAll(String username) {
        return endAllExcept(username, null);
    }

    /** Ends every session of the user but the one with this (real) session id; returns how many. */
    public int endAllExcept(String username, String keepSessionId) {
        int ended = 0;
        for (Session session : byUser(username)) {
            if (!session.getId().equals(keepSessionId)) {
                this.sessions.deleteById(session.getId());
                ended++;
            }
        }
        return ended;
    }

    /** Ends one session of the user, named by its {@link SessionInfo#id() reference}. */
    public boolean end(String username, String reference) {
        for (Session session : byUser(username)) {
            if (reference(session.getId()).equals(reference)) {
                this.sessions.deleteById(session.getId());
                return true;
            }
        }
        return false;
    }

    /** The reference under which a session is shown: a hash of its id, never the id itself. */
    public static String reference(String sessionId) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(sessionId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(digest)
                    .substring(0, 22);
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is always available", ex);
        }
    }

    /** Remembers where a sign-in came from (password or passkey, at the moment it completes). */
    public static void recordSignIn(HttpServletRequest request, HttpSession session) {
        session.setAttribute(ADDRESS, request.getRemoteAddr());
        String agent = request.getHeader("User-Agent");
        session.setAttribute(USER_AGENT, (agent == null) ? "" : agent.substring(0, Math.min(agent.length(), 200)));
    }

    /** Remembers that this session signed in to {@code clientId} (authorization response). */
    public static void recordClient(HttpServletRequest request, String clientId) {
        HttpSession session = request.getSession(false);
        if (session == null || clientId == null) {
            return;
        }
        Set<String> clients = new LinkedHashSet<>(clientsOf((String) session.getAttribute(CLIENTS)));
        if (clients.add(clientId) && clients.size() <= 50) {
            session.setAttribute(CLIENTS, String.join(",", clients));
        }
    }

    private Collection<? extends Session> byUser(String username) {
        Map<String, ? extends Session> found = this.sessions.findByPrincipalName(username);
        return found.values();
    }

    private static List<String> clientsOf(String value) {
        return (value == null || value.isEmpty()) ? List.of() : List.of(value.split(","));
    }
}
