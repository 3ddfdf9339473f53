package com.phoenixidp.authserver.token;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Takes back what was issued to a user: every authorization (codes, access, refresh and ID
 * tokens, whole refresh families) of the user is removed from the store, so refresh fails with
 * {@code invalid_grant} and introspection answers {@code active: false} on every node at once.
 * Client-credentials authorizations carry the client as principal and are not touched.
 */
@Component
public class TokenRevocation {

    private final JdbcTemplate jdbc;

    public TokenRevocation(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Revokes all of the user's tokens, with every client; returns how many authorizations. */
    public int revokeUser(String username) {
        return this.jdbc.update(
                "DELETE FROM oauth2_authorization WHERE principal_name = ? AND authorization_grant_type <> ?",
                username,
                "client_credentials");
    }

    /** Revokes the user's tokens with one client (a connected app taken back). */
    public int revokeUserAtClient(String username, String registeredClientId) {
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

    /** Removes the user's consent to one client (that client asks again); returns how many rows. */
    public int removeConsent(String username, String registeredClientId) {
        return this.jdbc.update(
                "DELETE FROM oauth2_authorization_consent WHERE principal_name = ? AND registered_client_id = ?",
                username,
                registeredClientId);
    }
}
