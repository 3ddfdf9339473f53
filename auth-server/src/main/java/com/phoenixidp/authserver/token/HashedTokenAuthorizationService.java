package com.phoenixidp.authserver.token;

import com.phoenixidp.authserver.audit.AuditLog;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The authorization store (Spring Authorization Server's {@code OAuth2AuthorizationService}) on
 * JDBC, with three additions:
 * <ul>
 * <li>token values are stored as hashes ({@link TokenHashes}) and looked up by hash; the caller's
 * raw value is put back into the loaded authorization for the token it asked about;</li>
 * <li>optimistic concurrency: an authorization read from the store carries the row version it was
 * read with ({@link LoadedAuthorization}), and is written back only if the row is still at that
 * version, so of several concurrent requests with the same refresh token or authorization code,
 * on one node or several, exactly one gets tokens; the others get {@code invalid_grant} and the
 * family is revoked, as for any reuse (RFC 9700 section 4.14.2, RFC 6749 section 4.1.2). A
 * concurrent revocation is merged, never lost;</li>
 * <li>refresh-token reuse detection (OAuth 2.1 section 4.3.1, RFC 9700 section 4.14.2): every
 * rotated-away refresh token is remembered, and presenting one again revokes the whole family
 * (every access and refresh token of that authorization; its access token's {@code jti} goes on
 * the revocation list, {@link RevokedTokens}).</li>
 * </ul>
 * Client-credentials access tokens get no row at all: {@link StatelessAccessTokens} rebuilds
 * their authorization from the JWT when one is looked up.
 */
public final class HashedTokenAuthorizationService extends JdbcOAuth2AuthorizationService {

    private static final Logger LOG = LoggerFactory.getLogger(HashedTokenAuthorizationService.class);

    private static final int MAX_MERGES = 20;

    private final AuthorizationRows rows;

    private final TransactionOperations tx;

    private final Function<OAuth2Authorization, List<SqlParameterValue>> parametersMapper;

    private final Clock clock;

    private final AuditLog audit;

    private final RevokedTokens revoked;

    private final StatelessAccessTokens stateless;

    public HashedTokenAuthorizationService(
            JdbcOperations jdbc,
            TransactionOperations tx,
            RegisteredClientRepository clients,
            Clock clock,
            AuditLog audit,
            RevokedTokens revoked,
            StatelessAccessTokens stateless) {
        super(jdbc, clients);
        this.stateless = Objects.requireNonNull(stateless, "stateless");
        this.rows = new AuthorizationRows(jdbc, getAuthorizationRowMapper());
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
        this.revoked = Objects.requireNonNull(revoked, "revoked");
        this.parametersMapper = new JsonMapperOAuth2AuthorizationParametersMapper();
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        save(authorization, 0);
    }

    private void save(OAuth2Authorization authorization, int merges) {
        if (StatelessAccessTokens.isRebuilt(authorization)) {
            this.stateless.revoke(authorization); // RFC 7009 revocation of a stateless token: no row to write
            return;
        }
        LoadedAuthorization loaded = LoadedAuthorization.of(authorization);
        if (loaded == null && StatelessAccessTokens.isStateless(authorization)) {
            return; // a client-credentials JWT: the token is the whole state
        }
        OAuth2Authorization hashed = AuthorizationTokens.hashed(LoadedAuthorization.unmarked(authorization));
        List<SqlParameterValue> parameters = this.parametersMapper.apply(hashed);
        if (loaded == null) {
            // never read from the store: a new authorization (one INSERT), or a caller's own copy
            this.rows.insertOrReplace(parameters);
            return;
        }
        String newRefresh = AuthorizationTokens.refreshValue(hashed);
        boolean rotated = loaded.refresh() != null && !loaded.refresh().equals(newRefresh);
        Boolean written = this.tx.execute((status) -> {
            if (!this.rows.updateIfVersion(parameters, loaded.version())) {
                return false;
            }
            if (rotated) {
                rememberUsedRefreshToken(loaded.refresh(), hashed);
            }
            return true;
        });
        if (!Boolean.TRUE.equals(written)) {
            conflict(hashed, loaded, rotated, merges);
        }
    }

    /** Another request changed the row since {@code loaded} was read. */
    private void conflict(OAuth2Authorization hashed, LoadedAuthorization loaded, boolean rotated, int merges) {
        if (!AuthorizationTokens.values(hashed).equals(loaded.values())) {
            // tokens were to be issued from a state another request already used: a replayed
            // refresh token or authorization code, raced on one node or several
            revokeFamily(hashed.getId(), rotated ? "token.refresh_reuse" : "token.concurrent_use", "concurrent");
            throw new OAuth2AuthenticationException(new OAuth2Error(
                    OAuth2ErrorCodes.INVALID_GRANT, "The grant was used by a concurrent request.", null));
        }
        if (merges >= MAX_MERGES) {
            throw new ConcurrencyFailureException("authorization " + hashed.getId() + " keeps changing");
        }
        OAuth2Authorization current = this.rows.findById(hashed.getId());
        if (current == null) {
            return; // removed in the meantime: nothing left to change
        }
        LoadedAuthorization now =
                Objects.requireNonNull(LoadedAuthorization.of(current), "authorizations are read with their versions");
        if (now.values().equals(loaded.values())) {
            // only metadata changed meanwhile (a revocation, say): apply this change on top, keeping its invalidations
            save(LoadedAuthorization.marked(AuthorizationTokens.withInvalidationsOf(hashed, current), now), merges + 1);
        } else if (loaded.invalidatesMore(hashed)) {
            // a revocation computed from an older generation: revoke what is there now
            save(AuthorizationTokens.revoked(current), merges + 1);
        } else {
            LOG.warn("Dropped a stale update of authorization {}: its tokens changed meanwhile", hashed.getId());
        }
    }

    @Override
    public @Nullable OAuth2Authorization findById(String id) {
        return this.rows.findById(id);
    }

    @Override
    public @Nullable OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        if (token == null || token.isBlank() || TokenHashes.isHash(token)) {
            return null;
        }
        if (tokenType != null && "state".equals(tokenType.getValue())) {
            return this.rows.findByToken(token, tokenType);
        }
        String hash = TokenHashes.hash(token);
        OAuth2Authorization found = this.rows.findByToken(hash, tokenType);
        if (found == null && (tokenType == null || OAuth2TokenType.ACCESS_TOKEN.equals(tokenType))) {
            OAuth2Authorization rebuilt = this.stateless.find(token);
            if (rebuilt != null) {
                return rebuilt;
            }
        }
        if (found == null && (tokenType == null || OAuth2TokenType.REFRESH_TOKEN.equals(tokenType))) {
            revokeFamilyIfReused(hash);
            return null;
        }
        return (found != null) ? AuthorizationTokens.withRawValue(found, hash, token) : null;
    }

    /** RFC 9700 4.14.2: a refresh token presented after rotation revokes its family. */
    private void revokeFamilyIfReused(String hash) {
        String id = this.rows.usedRefreshTokenAuthorization(hash);
        if (id != null) {
            revokeFamily(id, "token.refresh_reuse", "replayed");
        }
    }

    private void revokeFamily(String id, String event, String reason) {
        OAuth2Authorization family = this.rows.findById(id);
        if (family == null) {
            return;
        }
        save(AuthorizationTokens.revoked(family));
        // the family's access token goes on the revocation list polled by resource servers
        this.revoked.revokeAuthorization(family);
        LOG.warn(
                "Reuse detected ({}) for authorization {} of client {}: whole token family revoked",
                reason,
                family.getId(),
                family.getRegisteredClientId());
        this.audit.event(
                event,
                "authorization",
                family.getId(),
                "registered_client",
                family.getRegisteredClientId(),
                "principal",
                family.getPrincipalName(),
                "reason",
                reason,
                "action",
                "family_revoked");
    }

    private void rememberUsedRefreshToken(String hash, OAuth2Authorization authorization) {
        Instant now = this.clock.instant();
        OAuth2Authorization.Token<OAuth2RefreshToken> refresh = authorization.getRefreshToken();
        Instant expiresAt = (refresh != null && refresh.getToken().getExpiresAt() != null)
                ? refresh.getToken().getExpiresAt()
                : now.plus(Duration.ofDays(30));
        this.rows.rememberUsedRefreshToken(new Object[] {
            new SqlParameterValue(Types.VARCHAR, hash),
            new SqlParameterValue(Types.VARCHAR, authorization.getId()),
            new SqlParameterValue(Types.TIMESTAMP, Timestamp.from(now)),
            new SqlParameterValue(Types.TIMESTAMP, Timestamp.from(expiresAt))
        });
    }
}
