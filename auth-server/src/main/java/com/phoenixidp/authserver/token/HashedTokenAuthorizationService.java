package com.phoenixidp.authserver.token;

import com.phoenixidp.authserver.audit.AuditLog;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The authorization store (Spring Authorization Server's {@code OAuth2AuthorizationService}) on
 * JDBC, with two additions:
 * <ul>
 * <li>token values are stored as hashes ({@link TokenHashes}) and looked up by hash; the caller's
 * raw value is put back into the loaded authorization for the token it asked about;</li>
 * <li>refresh-token reuse detection (OAuth 2.1 section 4.3.1, RFC 9700 section 4.14.2): every
 * rotated-away refresh token is remembered, and presenting one again revokes the whole family
 * (every access and refresh token of that authorization; its access token's {@code jti} goes on
 * the revocation list, {@link RevokedTokens}).</li>
 * </ul>
 */
public final class HashedTokenAuthorizationService extends JdbcOAuth2AuthorizationService {

    private static final Logger LOG = LoggerFactory.getLogger(HashedTokenAuthorizationService.class);

    private static final List<Class<? extends OAuth2Token>> TOKEN_CLASSES = List.of(
            OAuth2AuthorizationCode.class,
            OAuth2AccessToken.class,
            OidcIdToken.class,
            OAuth2RefreshToken.class,
            OAuth2UserCode.class,
            OAuth2DeviceCode.class);

    private static final String INSERT_SQL =
            "INSERT INTO oauth2_authorization (id, registered_client_id, principal_name,"
                    + " authorization_grant_type, authorized_scopes, attributes, state, authorization_code_value,"
                    + " authorization_code_issued_at, authorization_code_expires_at, authorization_code_metadata,"
                    + " access_token_value, access_token_issued_at, access_token_expires_at, access_token_metadata,"
                    + " access_token_type, access_token_scopes, oidc_id_token_value, oidc_id_token_issued_at,"
                    + " oidc_id_token_expires_at, oidc_id_token_metadata, refresh_token_value, refresh_token_issued_at,"
                    + " refresh_token_expires_at, refresh_token_metadata, user_code_value, user_code_issued_at,"
                    + " user_code_expires_at, user_code_metadata, device_code_value, device_code_issued_at,"
                    + " device_code_expires_at, device_code_metadata)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String UPDATE_SQL =
            "UPDATE oauth2_authorization SET registered_client_id = ?, principal_name = ?,"
                    + " authorization_grant_type = ?, authorized_scopes = ?, attributes = ?, state = ?,"
                    + " authorization_code_value = ?, authorization_code_issued_at = ?, authorization_code_expires_at = ?,"
                    + " authorization_code_metadata = ?, access_token_value = ?, access_token_issued_at = ?,"
                    + " access_token_expires_at = ?, access_token_metadata = ?, access_token_type = ?, access_token_scopes = ?,"
                    + " oidc_id_token_value = ?, oidc_id_token_issued_at = ?, oidc_id_token_expires_at = ?,"
                    + " oidc_id_token_metadata = ?, refresh_token_value = ?, refresh_token_issued_at = ?,"
                    + " refresh_token_expires_at = ?, refresh_token_metadata = ?, user_code_value = ?, user_code_issued_at = ?,"
                    + " user_code_expires_at = ?, user_code_metadata = ?, device_code_value = ?, device_code_issued_at = ?,"
                    + " device_code_expires_at = ?, device_code_metadata = ? WHERE id = ?";

    private final JdbcOperations jdbc;

    private final TransactionOperations tx;

    private final Function<OAuth2Authorization, List<SqlParameterValue>> parametersMapper;

    private final Clock clock;

    private final AuditLog audit;

    private final RevokedTokens revoked;

    public HashedTokenAuthorizationService(
            JdbcOperations jdbc,
            TransactionOperations tx,
            RegisteredClientRepository clients,
            Clock clock,
            AuditLog audit,
            RevokedTokens revoked) {
        super(jdbc, clients);
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
        this.revoked = java.util.Objects.requireNonNull(revoked, "revoked");
        this.parametersMapper = new JsonMapperOAuth2AuthorizationParametersMapper();
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        OAuth2Authorization hashed = withHashedValues(authorization);
        List<SqlParameterValue> parameters = this.parametersMapper.apply(hashed);
        this.tx.executeWithoutResult((status) -> {
            List<String> stored = this.jdbc.queryForList(
                    "SELECT refresh_token_value FROM oauth2_authorization WHERE id = ?",
                    String.class,
                    authorization.getId());
            if (stored.isEmpty()) {
                this.jdbc.update(INSERT_SQL, new ArgumentPreparedStatementSetter(parameters.toArray()));
                return;
            }
            String previousRefresh = stored.get(0);
            OAuth2Authorization.Token<OAuth2RefreshToken> refresh = hashed.getRefreshToken();
            String currentRefresh = (refresh != null) ? refresh.getToken().getTokenValue() : null;
            if (previousRefresh != null && !previousRefresh.equals(currentRefresh)) {
                rememberUsedRefreshToken(previousRefresh, authorization);
            }
            List<SqlParameterValue> update = new java.util.ArrayList<>(parameters);
            SqlParameterValue id = update.remove(0);
            update.add(id);
            this.jdbc.update(UPDATE_SQL, new ArgumentPreparedStatementSetter(update.toArray()));
        });
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        if (token == null || token.isBlank() || TokenHashes.isHash(token)) {
            return null;
        }
        if (tokenType != null && "state".equals(tokenType.getValue())) {
            return super.findByToken(token, tokenType);
        }
        String hash = TokenHashes.hash(token);
        OAuth2Authorization found = super.findByToken(hash, tokenType);
        if (found == null && (tokenType == null || OAuth2TokenType.REFRESH_TOKEN.equals(tokenType))) {
            revokeFamilyIfReused(hash);
            return null;
        }
        return (found != null) ? withRawValue(found, hash, token) : null;
    }

    /** RFC 9700 4.14.2: a refresh token presented after rotation revokes its family. */
    private void revokeFamilyIfReused(String hash) {
        List<String> ids = this.jdbc.queryForList(
                "SELECT authorization_id FROM phoenix_used_refresh_token WHERE token_hash = ?", String.class, hash);
        if (ids.isEmpty()) {
            return;
        }
        OAuth2Authorization family = findById(ids.get(0));
        if (family == null) {
            return;
        }
        OAuth2Authorization.Builder builder = OAuth2Authorization.from(family);
        if (family.getRefreshToken() != null) {
            builder.invalidate(family.getRefreshToken().getToken());
        } else if (family.getAccessToken() != null) {
            builder.invalidate(family.getAccessToken().getToken());
        }
        OAuth2Authorization.Token<OidcIdToken> idToken = family.getToken(OidcIdToken.class);
        if (idToken != null) {
            builder.invalidate(idToken.getToken());
        }
        save(builder.build());
        // the family's access token goes on the revocation list polled by resource servers
        this.revoked.revokeAuthorization(family);
        LOG.warn(
                "Refresh token reuse detected for authorization {} of client {}: whole token family revoked",
                family.getId(),
                family.getRegisteredClientId());
        this.audit.event(
                "token.refresh_reuse",
                "authorization",
                family.getId(),
                "registered_client",
                family.getRegisteredClientId(),
                "principal",
                family.getPrincipalName(),
                "action",
                "family_revoked");
    }

    private void rememberUsedRefreshToken(String hash, OAuth2Authorization authorization) {
        Instant now = this.clock.instant();
        Instant expiresAt = null;
        OAuth2Authorization.Token<OAuth2RefreshToken> refresh = authorization.getRefreshToken();
        if (refresh != null && refresh.getToken().getExpiresAt() != null) {
            expiresAt = refresh.getToken().getExpiresAt();
        }
        Integer exists = this.jdbc.queryForObject(
                "SELECT COUNT(*) FROM phoenix_used_refresh_token WHERE token_hash = ?", Integer.class, hash);
        if (exists != null && exists > 0) {
            return;
        }
        this.jdbc.update(
                "INSERT INTO phoenix_used_refresh_token (token_hash, authorization_id, used_at, expires_at) VALUES (?, ?, ?, ?)",
                new ArgumentPreparedStatementSetter(new Object[] {
                    new SqlParameterValue(Types.VARCHAR, hash),
                    new SqlParameterValue(Types.VARCHAR, authorization.getId()),
                    new SqlParameterValue(Types.TIMESTAMP, Timestamp.from(now)),
                    new SqlParameterValue(
                            Types.TIMESTAMP,
                            (expiresAt != null)
                                    ? Timestamp.from(expiresAt)
                                    : Timestamp.from(now.plus(java.time.Duration.ofDays(30))))
                }));
    }

    /** Deletes authorizations whose every token has expired, and stale reuse markers. */
    public int purgeExpired(Instant before) {
        Timestamp t = Timestamp.from(before);
        int removed = this.jdbc.update(
                "DELETE FROM oauth2_authorization WHERE created_at < ?"
                        + " AND (authorization_code_expires_at IS NULL OR authorization_code_expires_at < ?)"
                        + " AND (access_token_expires_at IS NULL OR access_token_expires_at < ?)"
                        + " AND (oidc_id_token_expires_at IS NULL OR oidc_id_token_expires_at < ?)"
                        + " AND (refresh_token_expires_at IS NULL OR refresh_token_expires_at < ?)"
                        + " AND (device_code_expires_at IS NULL OR device_code_expires_at < ?)",
                t,
                t,
                t,
                t,
                t,
                t);
        this.jdbc.update("DELETE FROM phoenix_used_refresh_token WHERE expires_at < ?", t);
        return removed;
    }

    private static OAuth2Authorization withHashedValues(OAuth2Authorization authorization) {
        OAuth2Authorization.Builder builder = null;
        for (Class<? extends OAuth2Token> type : TOKEN_CLASSES) {
            OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(type);
            if (token == null || TokenHashes.isHash(token.getToken().getTokenValue())) {
                continue;
            }
            if (builder == null) {
                builder = OAuth2Authorization.from(authorization);
            }
            replace(builder, token, TokenHashes.hash(token.getToken().getTokenValue()));
        }
        return (builder != null) ? builder.build() : authorization;
    }

    private static OAuth2Authorization withRawValue(OAuth2Authorization authorization, String hash, String raw) {
        for (Class<? extends OAuth2Token> type : TOKEN_CLASSES) {
            OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(type);
            if (token != null && hash.equals(token.getToken().getTokenValue())) {
                OAuth2Authorization.Builder builder = OAuth2Authorization.from(authorization);
                replace(builder, token, raw);
                return builder.build();
            }
        }
        return authorization;
    }

    private static void replace(
            OAuth2Authorization.Builder builder,
            OAuth2Authorization.Token<? extends OAuth2Token> token,
            String newValue) {
        Map<String, Object> metadata = token.getMetadata();
        builder.token(copyWithValue(token.getToken(), newValue), (m) -> {
            m.clear();
            m.putAll(metadata);
        });
    }

    private static OAuth2Token copyWithValue(OAuth2Token token, String value) {
        if (token instanceof OAuth2AccessToken at) {
            return new OAuth2AccessToken(at.getTokenType(), value, at.getIssuedAt(), at.getExpiresAt(), at.getScopes());
        }
        if (token instanceof OAuth2RefreshToken) {
            return new OAuth2RefreshToken(value, token.getIssuedAt(), token.getExpiresAt());
        }
        if (token instanceof OidcIdToken id) {
            return new OidcIdToken(value, id.getIssuedAt(), id.getExpiresAt(), id.getClaims());
        }
        if (token instanceof OAuth2AuthorizationCode) {
            return new OAuth2AuthorizationCode(value, token.getIssuedAt(), token.getExpiresAt());
        }
        if (token instanceof OAuth2UserCode) {
            return new OAuth2UserCode(value, token.getIssuedAt(), token.getExpiresAt());
        }
        if (token instanceof OAuth2DeviceCode) {
            return new OAuth2DeviceCode(value, token.getIssuedAt(), token.getExpiresAt());
        }
        throw new IllegalArgumentException(
                "Unsupported token type " + token.getClass().getName());
    }
}
