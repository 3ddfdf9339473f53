package com.phoenixidp.authserver.token;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.stereotype.Component;

/**
 * The revocation list of JWT access tokens: the {@code jti} of every revoked access token, kept
 * until the token's {@code exp} (after which the token is refused anyway), published at
 * {@code GET /oauth2/revoked-tokens} ({@link RevokedTokensController}) so resource servers that
 * verify JWTs locally refuse a revoked token within seconds, without introspecting every request.
 * <p>
 * Fed by every way an access token is taken back: RFC 7009 revocation of the access token or its
 * refresh token, refresh-token reuse (RFC 9700 4.14.2), signing a user out everywhere, disabling
 * or deleting a user ({@link TokenRevocation}), disabling or deleting a client. Client-credentials
 * tokens are not stored ({@link StatelessAccessTokens}), so a revoked client is listed as a whole:
 * its tokens issued before a {@code not_before}. The list lives in
 * the database, so every node publishes the same list; each node rebuilds what it serves at most
 * once per {@link #SNAPSHOT_TTL} and immediately after a revocation it made itself.
 */
@Component
public class RevokedTokens {

    /** How long a node serves the list it last read from the database before reading it again. */
    static final Duration SNAPSHOT_TTL = Duration.ofSeconds(1);

    /** Expired rows removed at most per rebuild of the list (purging while serving stays cheap). */
    static final int PURGE_BATCH = 500;

    /** How long a jti is listed when its token's expiry is unknown (never the case for tokens we issue). */
    static final Duration UNKNOWN_EXPIRY = Duration.ofDays(1);

    private static final Logger LOG = LoggerFactory.getLogger(RevokedTokens.class);

    private static final int MAX_JTI_LENGTH = 100;

    private final JdbcTemplate jdbc;

    private final Clock clock;

    private volatile @Nullable Snapshot snapshot;

    private volatile @Nullable Index index;

    /** A snapshot as hash look-ups, for checking tokens on every request (rebuilt when the list changes). */
    private record Index(Snapshot snapshot, Set<String> jtis, Map<String, Instant> notBefore) {}

    public RevokedTokens(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A revoked access token: its {@code jti} and its {@code exp}. */
    public record Entry(String jti, Instant expiresAt) {}

    /**
     * A revoked client: every access token with this {@code client_id} issued before {@code
     * notBefore} is revoked; listed until {@code expiresAt}, when all of those have expired.
     */
    public record ClientEntry(String clientId, Instant notBefore, Instant expiresAt) {}

    /**
     * The list as published: unexpired entries ordered by {@code jti} and by {@code client_id}, a
     * weak entity tag computed from them (equal lists, equal tags, on every node), and when it was read.
     */
    public record Snapshot(List<Entry> entries, List<ClientEntry> clients, String etag, Instant generatedAt) {

        public Snapshot {
            entries = List.copyOf(entries);
            clients = List.copyOf(clients);
        }
    }

    /**
     * Lists {@code jti} as revoked until {@code expiresAt}; nothing happens when it is already
     * listed or already expired. Joins the caller's transaction, if any.
     */
    public void revoke(String jti, Instant expiresAt) {
        if (jti == null || jti.isBlank() || jti.length() > MAX_JTI_LENGTH) {
            return;
        }
        Instant now = this.clock.instant();
        Instant until = (expiresAt != null) ? expiresAt : now.plus(UNKNOWN_EXPIRY);
        if (!until.isAfter(now)) {
            return;
        }
        if (isRevokedToken(jti)) {
            return;
        }
        try {
            this.jdbc.update(
                    "INSERT INTO phoenix_revoked_jti (jti, expires_at, revoked_at) VALUES (?, ?, ?)",
                    jti,
                    Timestamp.from(until),
                    Timestamp.from(now));
        } catch (DuplicateKeyException ex) {
            return; // listed meanwhile by a concurrent revocation
        }
        this.snapshot = null;
        LOG.info("Access token jti {} is on the revocation list until {}", jti, until);
    }

    /**
     * Whether an access token is revoked by the list as this node last read it (at most {@link
     * #SNAPSHOT_TTL} old; at once for revocations made on this node): its {@code jti} is listed,
     * or its client is listed with a {@code not_before} after its {@code iat}. For this server's
     * own resource endpoints (the admin API, SCIM, UserInfo, registration), like resource servers do.
     */
    public boolean isRevoked(@Nullable String jti, @Nullable String clientId, @Nullable Instant issuedAt) {
        Snapshot current = current();
        Index lookup = this.index;
        if (lookup == null || !lookup.snapshot().etag().equals(current.etag())) {
            Map<String, Instant> notBefore = new HashMap<>();
            current.clients().forEach((client) -> notBefore.put(client.clientId(), client.notBefore()));
            lookup = new Index(
                    current,
                    current.entries().stream().map(Entry::jti).collect(Collectors.toUnmodifiableSet()),
                    Map.copyOf(notBefore));
            this.index = lookup;
        }
        if (jti != null && lookup.jtis().contains(jti)) {
            return true;
        }
        Instant clientNotBefore = (clientId != null) ? lookup.notBefore().get(clientId) : null;
        return clientNotBefore != null && (issuedAt == null || issuedAt.isBefore(clientNotBefore));
    }

    /** Whether {@code jti} is on the list (read from the database: exact on every node). */
    public boolean isRevokedToken(String jti) {
        Integer listed =
                this.jdbc.queryForObject("SELECT COUNT(*) FROM phoenix_revoked_jti WHERE jti = ?", Integer.class, jti);
        return listed != null && listed > 0;
    }

    /**
     * Revokes every access token of the client ({@code client_id}) issued before {@code notBefore}:
     * for tokens the server does not know one by one ({@link StatelessAccessTokens}). Listed until
     * {@code expiresAt}; a later call moves {@code notBefore} forward, never back. Joins the
     * caller's transaction, if any.
     */
    public void revokeClient(String clientId, Instant notBefore, Instant expiresAt) {
        int updated = this.jdbc.update(
                "UPDATE phoenix_revoked_client SET not_before = ?, expires_at = ? WHERE client_id = ? AND not_before <= ?",
                Timestamp.from(notBefore),
                Timestamp.from(expiresAt),
                clientId,
                Timestamp.from(notBefore));
        if (updated == 0) {
            try {
                this.jdbc.update(
                        "INSERT INTO phoenix_revoked_client (client_id, not_before, expires_at) VALUES (?, ?, ?)",
                        clientId,
                        Timestamp.from(notBefore),
                        Timestamp.from(expiresAt));
            } catch (DuplicateKeyException ex) {
                // listed meanwhile with a later not_before by a concurrent call, or already later
            }
        }
        this.snapshot = null;
        LOG.info(
                "Access tokens of client {} issued before {} are on the revocation list until {}",
                clientId,
                notBefore,
                expiresAt);
    }

    /**
     * Waits, at most a second, until a token issued to the client from now on carries an {@code
     * iat} (whole seconds) at or after its {@code not_before}: called before a client is enabled
     * again or created again under the same {@code client_id}, so that a token issued after that is
     * never taken for one issued before the revocation.
     */
    public void awaitClientNotBefore(String clientId) {
        Instant notBefore = clientNotBefore(clientId);
        if (notBefore == null) {
            return;
        }
        long wait = notBeforeSeconds(notBefore) * 1000 - this.clock.millis();
        if (wait > 0) {
            try {
                Thread.sleep(Math.min(wait, 1000));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether a token of {@code clientId} issued at {@code issuedAt} is revoked by a client entry. */
    public boolean isRevokedByClient(String clientId, Instant issuedAt) {
        Instant notBefore = clientNotBefore(clientId);
        return notBefore != null && issuedAt.isBefore(notBefore);
    }

    /** The client's {@code not_before} as stored (read from the database: exact on every node), if listed. */
    private @Nullable Instant clientNotBefore(String clientId) {
        List<Timestamp> notBefore = this.jdbc.queryForList(
                "SELECT not_before FROM phoenix_revoked_client WHERE client_id = ?", Timestamp.class, clientId);
        return notBefore.isEmpty() ? null : notBefore.get(0).toInstant();
    }

    /**
     * Lists the access token of the authorization (its {@code jti} from the claims stored with
     * the token, or else from the token itself when it is a JWT). Returns whether it had one.
     */
    public boolean revokeAuthorization(OAuth2Authorization authorization) {
        OAuth2Authorization.Token<OAuth2AccessToken> access =
                (authorization != null) ? authorization.getAccessToken() : null;
        if (access == null) {
            return false;
        }
        Instant expiresAt = access.getToken().getExpiresAt();
        String jti = jtiOf(access.getClaims());
        if (jti == null) {
            JWTClaimsSet claims = claimsOf(access.getToken().getTokenValue());
            if (claims != null) {
                jti = claims.getJWTID();
                if (expiresAt == null && claims.getExpirationTime() != null) {
                    expiresAt = claims.getExpirationTime().toInstant();
                }
            }
        }
        if (jti == null) {
            return false;
        }
        revoke(jti, expiresAt);
        return true;
    }

    /** The unexpired list, read from the database at most once per {@link #SNAPSHOT_TTL}. */
    public Snapshot current() {
        Instant now = this.clock.instant();
        Snapshot current = this.snapshot;
        if (current != null && now.isBefore(current.generatedAt().plus(SNAPSHOT_TTL))) {
            return current;
        }
        synchronized (this) {
            current = this.snapshot;
            if (current != null && now.isBefore(current.generatedAt().plus(SNAPSHOT_TTL))) {
                return current;
            }
            purgeSome(now);
            List<Entry> entries = this.jdbc.query(
                    "SELECT jti, expires_at FROM phoenix_revoked_jti WHERE expires_at > ? ORDER BY jti",
                    (rs, row) -> new Entry(rs.getString(1), rs.getTimestamp(2).toInstant()),
                    Timestamp.from(now));
            List<ClientEntry> clients = this.jdbc.query(
                    "SELECT client_id, not_before, expires_at FROM phoenix_revoked_client WHERE expires_at > ?"
                            + " ORDER BY client_id",
                    (rs, row) -> new ClientEntry(
                            rs.getString(1),
                            rs.getTimestamp(2).toInstant(),
                            rs.getTimestamp(3).toInstant()),
                    Timestamp.from(now));
            current = new Snapshot(entries, clients, etagOf(entries, clients), now);
            this.snapshot = current;
            return current;
        }
    }

    /** Deletes every entry whose token expired before {@code before}; for scheduled housekeeping. */
    public int purgeExpired(Instant before) {
        int removed = this.jdbc.update("DELETE FROM phoenix_revoked_jti WHERE expires_at < ?", Timestamp.from(before))
                + this.jdbc.update("DELETE FROM phoenix_revoked_client WHERE expires_at < ?", Timestamp.from(before));
        if (removed > 0) {
            this.snapshot = null;
        }
        return removed;
    }

    /** A bounded purge done while serving, so the table stays small without housekeeping. */
    private void purgeSome(Instant now) {
        this.jdbc.update(
                "DELETE FROM phoenix_revoked_jti WHERE jti IN (SELECT jti FROM phoenix_revoked_jti"
                        + " WHERE expires_at < ? ORDER BY expires_at FETCH FIRST " + PURGE_BATCH + " ROWS ONLY)",
                Timestamp.from(now));
    }

    private static @Nullable String jtiOf(Map<String, Object> claims) {
        Object jti = (claims != null) ? claims.get(JwtClaimNames.JTI) : null;
        return (jti != null) ? jti.toString() : null;
    }

    private static @Nullable JWTClaimsSet claimsOf(String tokenValue) {
        if (tokenValue == null
                || TokenHashes.isHash(tokenValue)
                || tokenValue.chars().filter((c) -> c == '.').count() != 2) {
            return null;
        }
        try {
            // a token this server issued and found by its hash: its claims need no second verification
            return JWTParser.parse(tokenValue).getJWTClaimsSet();
        } catch (ParseException ex) {
            return null;
        }
    }

    /**
     * {@code not_before} as published, in whole seconds rounded up: a token's {@code iat} is whole
     * seconds, and {@code iat < ceil(notBefore)} holds exactly when {@code iat < notBefore}.
     */
    public static long notBeforeSeconds(Instant notBefore) {
        return notBefore.getEpochSecond() + ((notBefore.getNano() > 0) ? 1 : 0);
    }

    /** RFC 9110 8.8.3: a weak tag, since {@code generated_at} differs between equal lists. */
    static String etagOf(List<Entry> entries, List<ClientEntry> clients) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Entry entry : entries) {
                digest.update((entry.jti() + ' ' + entry.expiresAt().getEpochSecond() + '\n')
                        .getBytes(StandardCharsets.UTF_8));
            }
            for (ClientEntry client : clients) {
                digest.update(("client " + client.clientId() + ' ' + notBeforeSeconds(client.notBefore()) + ' '
                                + client.expiresAt().getEpochSecond() + '\n')
                        .getBytes(StandardCharsets.UTF_8));
            }
            byte[] hash = Arrays.copyOf(digest.digest(), 18);
            return "W/\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash) + "\"";
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
        }
    }
}
