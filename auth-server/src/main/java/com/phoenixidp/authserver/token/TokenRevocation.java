package com.phoenixidp.authserver.token;

import com.phoenixidp.authserver.observability.PhoenixMetrics;
import com.phoenixidp.authserver.observability.PhoenixMetrics.RevocationKind;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes back what was issued to a user or a client: every authorization (codes, access, refresh and
 * ID tokens, whole refresh families) is removed from the store, so refresh fails with
 * {@code invalid_grant} and introspection answers {@code active: false} on every node at once; and
 * the {@code jti} of every access token still alive goes on the revocation list
 * ({@link RevokedTokens}), so resource servers that verify JWTs locally refuse it too. A client's
 * own client-credentials tokens have no rows ({@link StatelessAccessTokens}): revoking a client
 * lists it as a whole, every token of it issued before now.
 * <p>
 * The {@code jti} is read from the claims stored with the access token (token values are stored
 * hashed), through the authorization service's own row mapping; only authorizations whose access
 * token has not expired are read. The listing and the deletion happen in one transaction.
 * Each call is counted in {@code phoenix_revocations_total} ({@code kind} {@code user}, {@code
 * user_client} or {@code client}).
 */
@Component
public class TokenRevocation {

    /** Kept on the list a little past the last token's expiry (clock skew of resource servers). */
    private static final Duration EXPIRY_MARGIN = Duration.ofMinutes(1);

    /** The shortest time a revoked client stays listed. */
    private static final Duration MIN_LISTED = Duration.ofDays(1);

    private static final String LIVE_ACCESS_TOKEN = " AND access_token_expires_at > ?";

    private final JdbcTemplate jdbc;

    private final PhoenixMetrics metrics;

    private final OAuth2AuthorizationService authorizations;

    private final RevokedTokens revoked;

    private final TransactionTemplate tx;

    private final Clock clock;

    private final RegisteredClientRepository clients;

    public TokenRevocation(
            JdbcTemplate jdbc,
            PhoenixMetrics metrics,
            OAuth2AuthorizationService authorizations,
            RevokedTokens revoked,
            TransactionTemplate tx,
            Clock clock,
            RegisteredClientRepository clients) {
        this.clients = clients;
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.authorizations = authorizations;
        this.revoked = revoked;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Revokes all of the user's tokens, with every client; returns how many authorizations.
     * Client-credentials authorizations carry the client as principal and are not touched.
     */
    public int revokeUser(String username) {
        this.metrics.revoked(RevocationKind.USER);
        return revoke(" WHERE principal_name = ? AND authorization_grant_type <> ?", username, "client_credentials");
    }

    /** Revokes the user's tokens with one client (a connected app taken back). */
    public int revokeUserAtClient(String username, String registeredClientId) {
        this.metrics.revoked(RevocationKind.USER_CLIENT);
        return revoke(
                " WHERE principal_name = ? AND registered_client_id = ? AND authorization_grant_type <> ?",
                username,
                registeredClientId,
                "client_credentials");
    }

    /**
     * Revokes every token issued to a client (by its registered client id, not its {@code client_id}),
     * its own client-credentials tokens included: for disabling or deleting the client.
     */
    public int revokeClient(String registeredClientId) {
        this.metrics.revoked(RevocationKind.CLIENT);
        RegisteredClient client = this.clients.findById(registeredClientId);
        if (client != null) {
            // its stateless client-credentials tokens have no rows: revoked by issue time
            Instant now = this.clock.instant();
            // listed for the longer of its access-token lifetime and a day: a token issued before
            // its lifetime was shortened may live longer than the current lifetime says
            Duration lifetime = client.getTokenSettings().getAccessTokenTimeToLive();
            Duration listed = (lifetime.compareTo(MIN_LISTED) > 0) ? lifetime : MIN_LISTED;
            this.revoked.revokeClient(
                    client.getClientId(), now, now.plus(listed).plus(EXPIRY_MARGIN));
        }
        return revoke(" WHERE registered_client_id = ?", registeredClientId);
    }

    /**
     * Before a revoked client is enabled again or a deleted one created again: waits out the rest
     * of the second of its revocation (at most a second; see {@link RevokedTokens#awaitClientNotBefore}).
     */
    public void beforeClientEnabled(String clientId) {
        this.revoked.awaitClientNotBefore(clientId);
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

    private int revoke(String where, Object... arguments) {
        Integer removed = this.tx.execute((status) -> {
            List<Object> live = new ArrayList<>(List.of(arguments));
            live.add(Timestamp.from(this.clock.instant()));
            List<String> ids = this.jdbc.queryForList(
                    "SELECT id FROM oauth2_authorization" + where + LIVE_ACCESS_TOKEN, String.class, live.toArray());
            for (String id : ids) {
                OAuth2Authorization authorization = this.authorizations.findById(id);
                if (authorization != null) {
                    this.revoked.revokeAuthorization(authorization);
                }
            }
            return this.jdbc.update("DELETE FROM oauth2_authorization" + where, arguments);
        });
        return (removed != null) ? removed : 0;
    }
}
