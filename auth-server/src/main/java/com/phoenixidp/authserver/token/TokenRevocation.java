package com.phoenixidp.authserver.token;

import com.phoenixidp.authserver.observability.PhoenixMetrics;
import com.phoenixidp.authserver.observability.PhoenixMetrics.RevocationKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Takes back what was issued to a user: every authorization (codes, access, refresh and ID
 * tokens, whole refresh families) of the user is removed from the store, so refresh fails with
 * {@code invalid_grant} and introspection answers {@code active: false} on every node at once.
 * Client-credentials authorizations carry the client as principal and are not touched. Each call
 * is counted in {@code phoenix_revocations_total} ({@code kind} {@code user} or {@code user_client}).
 */
@Component
public class TokenRevocation {

    private final JdbcTemplate jdbc;

    private final PhoenixMetrics metrics;

    public TokenRevocation(JdbcTemplate jdbc, PhoenixMetrics metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
    }

    /** Revokes all of the user's tokens, with every client; returns how many authorizations. */
    public int revokeUser(String username) {
        this.metrics.revoked(RevocationKind.USER);
        return this.jdbc.update(
                "DELETE FROM oauth2_authorization WHERE principal_name = ? AND authorization_grant_type <> ?",
                username,
                "client_credentials");
    }

    /** Revokes the user's tokens with one client (a connected app taken back). */
    public int revokeUserAtClient(String username, String registeredClientId) {
        this.metrics.revoked(RevocationKind.USER_CLIENT);
        return this.jdbc.update(
                "DELETE FROM oauth2_authorization WHERE principal_name = ? AND registered_client_id = ?"
                        + " AND authorization_grant_type <> ?",
                username,
                registeredClientId,
                "client_credentials");
    }

    /** Removes the user's consents (every client asks again). */
    public int removeConsents(String username) {
        return this.jdbc.update("DELETE FROM oauth2_authorization_consent WHERE principal_name = ?", username);
    }
}
