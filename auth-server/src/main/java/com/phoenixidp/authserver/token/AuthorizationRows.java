package com.phoenixidp.authserver.token;

import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The SQL of {@link HashedTokenAuthorizationService} on {@code oauth2_authorization} (Flyway V1,
 * {@code row_version} from V8) and {@code phoenix_used_refresh_token}: Spring Authorization
 * Server's columns, plus the row version, read with every authorization and checked by every update.
 */
final class AuthorizationRows {

    private static final String COLUMNS = "id, registered_client_id, principal_name, authorization_grant_type,"
            + " authorized_scopes, attributes, state, authorization_code_value, authorization_code_issued_at,"
            + " authorization_code_expires_at, authorization_code_metadata, access_token_value,"
            + " access_token_issued_at, access_token_expires_at, access_token_metadata, access_token_type,"
            + " access_token_scopes, oidc_id_token_value, oidc_id_token_issued_at, oidc_id_token_expires_at,"
            + " oidc_id_token_metadata, refresh_token_value, refresh_token_issued_at, refresh_token_expires_at,"
            + " refresh_token_metadata, user_code_value, user_code_issued_at, user_code_expires_at,"
            + " user_code_metadata, device_code_value, device_code_issued_at, device_code_expires_at,"
            + " device_code_metadata";

    private static final String LOAD_SQL = "SELECT " + COLUMNS + ", row_version FROM oauth2_authorization WHERE ";

    private static final String INSERT_SQL = "INSERT INTO oauth2_authorization (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String SET_SQL =
            "UPDATE oauth2_authorization SET registered_client_id = ?, principal_name = ?,"
                    + " authorization_grant_type = ?, authorized_scopes = ?, attributes = ?, state = ?,"
                    + " authorization_code_value = ?, authorization_code_issued_at = ?, authorization_code_expires_at = ?,"
                    + " authorization_code_metadata = ?, access_token_value = ?, access_token_issued_at = ?,"
                    + " access_token_expires_at = ?, access_token_metadata = ?, access_token_type = ?, access_token_scopes = ?,"
                    + " oidc_id_token_value = ?, oidc_id_token_issued_at = ?, oidc_id_token_expires_at = ?,"
                    + " oidc_id_token_metadata = ?, refresh_token_value = ?, refresh_token_issued_at = ?,"
                    + " refresh_token_expires_at = ?, refresh_token_metadata = ?, user_code_value = ?, user_code_issued_at = ?,"
                    + " user_code_expires_at = ?, user_code_metadata = ?, device_code_value = ?, device_code_issued_at = ?,"
                    + " device_code_expires_at = ?, device_code_metadata = ?, row_version = row_version + 1";

    private static final String UPDATE_IF_VERSION_SQL = SET_SQL + " WHERE id = ? AND row_version = ?";

    private static final String UPDATE_ANY_SQL = SET_SQL + " WHERE id = ?";

    private static final String UNKNOWN_TOKEN_FILTER = "state = ? OR authorization_code_value = ? OR"
            + " access_token_value = ? OR oidc_id_token_value = ? OR refresh_token_value = ? OR user_code_value = ?"
            + " OR device_code_value = ?";

    private final JdbcOperations jdbc;

    private final RowMapper<OAuth2Authorization> rowMapper;

    AuthorizationRows(JdbcOperations jdbc, RowMapper<OAuth2Authorization> authorizationRowMapper) {
        this.jdbc = jdbc;
        this.rowMapper = (rs, rowNum) -> {
            OAuth2Authorization stored = authorizationRowMapper.mapRow(rs, rowNum);
            return LoadedAuthorization.marked(stored, LoadedAuthorization.describe(stored, rs.getLong("row_version")));
        };
    }

    @Nullable
    OAuth2Authorization findById(String id) {
        return findBy("id = ?", 1, id);
    }

    /** By a stored token value (a hash; the raw value for {@code state}), as Spring's JDBC store does. */
    @Nullable
    OAuth2Authorization findByToken(String value, OAuth2TokenType tokenType) {
        if (tokenType == null) {
            return findBy(UNKNOWN_TOKEN_FILTER, 7, value);
        }
        String column = switch (tokenType.getValue()) {
            case "state" -> "state";
            case "code" -> "authorization_code_value";
            case "access_token" -> "access_token_value";
            case "id_token" -> "oidc_id_token_value";
            case "refresh_token" -> "refresh_token_value";
            case "user_code" -> "user_code_value";
            case "device_code" -> "device_code_value";
            default -> null;
        };
        return (column != null) ? findBy(column + " = ?", 1, value) : null;
    }

    private @Nullable OAuth2Authorization findBy(String filter, int times, String value) {
        SqlParameterValue parameter = new SqlParameterValue(Types.VARCHAR, value);
        List<OAuth2Authorization> found = this.jdbc.query(
                LOAD_SQL + filter,
                new ArgumentPreparedStatementSetter(
                        Collections.nCopies(times, parameter).toArray()),
                this.rowMapper);
        return found.isEmpty() ? null : found.get(0);
    }

    /** INSERT; if the id exists already (a caller saving its own copy twice), an unconditional UPDATE. */
    void insertOrReplace(List<SqlParameterValue> parameters) {
        try {
            this.jdbc.update(INSERT_SQL, new ArgumentPreparedStatementSetter(parameters.toArray()));
        } catch (DuplicateKeyException ex) {
            this.jdbc.update(
                    UPDATE_ANY_SQL,
                    new ArgumentPreparedStatementSetter(idLast(parameters).toArray()));
        }
    }

    /** Compare-and-set: updates the row only if it is still at {@code version}; true when it was. */
    boolean updateIfVersion(List<SqlParameterValue> parameters, long version) {
        List<Object> update = new ArrayList<>(idLast(parameters));
        update.add(version);
        return this.jdbc.update(UPDATE_IF_VERSION_SQL, new ArgumentPreparedStatementSetter(update.toArray())) == 1;
    }

    /** The authorization a rotated-away refresh token belonged to, or null. */
    @Nullable
    String usedRefreshTokenAuthorization(String hash) {
        List<String> ids = this.jdbc.queryForList(
                "SELECT authorization_id FROM phoenix_used_refresh_token WHERE token_hash = ?", String.class, hash);
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** Remembers a rotated-away refresh token: hash, authorization id, used at, expires at. */
    void rememberUsedRefreshToken(Object[] row) {
        Integer exists = this.jdbc.queryForObject(
                "SELECT COUNT(*) FROM phoenix_used_refresh_token WHERE token_hash = ?", Integer.class, row[0]);
        if (exists != null && exists > 0) {
            return;
        }
        this.jdbc.update(
                "INSERT INTO phoenix_used_refresh_token (token_hash, authorization_id, used_at, expires_at)"
                        + " VALUES (?, ?, ?, ?)",
                new ArgumentPreparedStatementSetter(row));
    }

    /** Spring's parameters (id first) reordered for an UPDATE (id last). */
    private static List<SqlParameterValue> idLast(List<SqlParameterValue> parameters) {
        List<SqlParameterValue> update = new ArrayList<>(parameters);
        update.add(update.remove(0));
        return update;
    }
}
