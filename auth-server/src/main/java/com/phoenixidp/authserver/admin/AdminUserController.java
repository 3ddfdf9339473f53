package com.phoenixidp.authserver.admin;

import com.phoenixidp.authserver.session.SessionInfo;
import com.phoenixidp.authserver.session.UserSessions;
import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.UserService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin API for what SCIM has no word for (bearer token with scope {@code phoenix.admin}): a
 * user's signed-in sessions, and signing a user out everywhere (sessions, refresh-token families,
 * access tokens). Users themselves are managed through SCIM ({@code /scim/v2/Users}).
 */
@RestController
@RequestMapping(path = "/admin/users", produces = "application/json", headers = "Authorization")
public class AdminUserController {

    private final UserService users;

    private final UserSessions sessions;

    public AdminUserController(UserService users, UserSessions sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    /** {@code {"sessions": [{"id", "created", "lastSeen", "address", "userAgent", "clients"}]}}. */
    @GetMapping("/{username}/sessions")
    public Map<String, Object> sessions(@PathVariable String username) {
        PhoenixUser user = this.users.getByUsername(username);
        List<Map<String, Object>> list = this.sessions.list(user.username()).stream()
                .map(AdminUserController::describe)
                .toList();
        return Map.of("sessions", list);
    }

    /** Signs the user out everywhere: every session ends, every token of theirs is revoked. */
    @PostMapping("/{username}/logout")
    public Map<String, Object> logout(
            @PathVariable String username, Authentication caller, HttpServletRequest request) {
        PhoenixUser user = this.users.getByUsername(username);
        this.users.logoutEverywhere(user.id(), AdminActors.of(caller, request));
        return Map.of("user", user.username(), "loggedOut", true);
    }

    static Map<String, Object> describe(SessionInfo session) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", session.id());
        m.put("created", String.valueOf(session.created()));
        m.put("lastSeen", String.valueOf(session.lastSeen()));
        m.put("address", session.address());
        m.put("userAgent", session.userAgent());
        m.put("clients", session.clients());
        return m;
    }
}
