package com.phoenixidp.authserver.account;

import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.management.Actor;
import com.phoenixidp.authserver.token.TokenRevocation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The applications a user has granted access to: their consents (Spring Authorization Server's
 * {@code oauth2_authorization_consent}, RFC 6749 section 4.1.1 "the authorization server
 * obtains an authorization decision"), with the scopes granted. Taking one back removes the
 * consent (the app must ask again) and revokes every token the user holds at that app, so its
 * refresh token fails with {@code invalid_grant} (RFC 6749 section 5.2).
 */
@Service
public class ConnectedApps {

    private static final String SCOPE_PREFIX = "SCOPE_";

    private final JdbcTemplate jdbc;

    private final RegisteredClientRepository clients;

    private final TokenRevocation tokens;

    private final TransactionTemplate tx;

    private final AuditLog audit;

    public ConnectedApps(
            JdbcTemplate jdbc,
            RegisteredClientRepository clients,
            TokenRevocation tokens,
            TransactionTemplate tx,
            AuditLog audit) {
        this.jdbc = jdbc;
        this.clients = clients;
        this.tokens = tokens;
        this.tx = tx;
        this.audit = audit;
    }

    /** One app the user consented to. */
    public record ConnectedApp(String clientId, String name, List<String> scopes) {

        public ConnectedApp {
            scopes = List.copyOf(scopes);
        }
    }

    /** The user's consented apps, by name; consents of clients since deleted are left out. */
    public List<ConnectedApp> list(String username) {
        List<ConnectedApp> apps = new ArrayList<>();
        this.jdbc.query(
                "SELECT registered_client_id, authorities FROM oauth2_authorization_consent WHERE principal_name = ?",
                (rs) -> {
                    RegisteredClient client = this.clients.findById(rs.getString(1));
                    if (client != null) {
                        apps.add(new ConnectedApp(
                                client.getClientId(), client.getClientName(), scopes(rs.getString(2))));
                    }
                },
                username);
        apps.sort(Comparator.comparing((ConnectedApp app) -> app.name().toLowerCase(Locale.ROOT))
                .thenComparing(ConnectedApp::clientId));
        return apps;
    }

    /**
     * Takes back the user's consent to {@code clientId} and revokes their tokens there; returns
     * false when there was nothing to take back. Audited as {@code consent.revoked}.
     */
    public boolean revoke(String username, String clientId, Actor actor) {
        RegisteredClient client = (clientId != null) ? this.clients.findByClientId(clientId) : null;
        if (client == null) {
            return false;
        }
        int[] counts = this.tx.execute((status) -> new int[] {
            this.tokens.removeConsent(username, client.getId()),
            this.tokens.revokeUserAtClient(username, client.getId())
        });
        if (counts == null || (counts[0] == 0 && counts[1] == 0)) {
            return false;
        }
        this.audit.event(
                "consent.revoked",
                actor,
                "user",
                username,
                "client",
                client.getClientId(),
                "consents_removed",
                counts[0],
                "authorizations_revoked",
                counts[1]);
        return true;
    }

    private static List<String> scopes(String authorities) {
        List<String> scopes = new ArrayList<>();
        if (authorities != null) {
            for (String authority : authorities.split(",", -1)) {
                String trimmed = authority.trim();
                if (trimmed.startsWith(SCOPE_PREFIX)) {
                    scopes.add(trimmed.substring(SCOPE_PREFIX.length()));
                }
            }
        }
        return scopes;
    }
}
