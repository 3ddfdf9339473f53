package com.phoenixidp.authserver.federation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * JDBC storage of the links between upstream identities and local users
 * ({@code phoenix_federated_identity}, Flyway V11; primary key (provider, subject)).
 */
@Repository
public class FederatedIdentityRepository {

    /** One link: the upstream (alias, sub) is the local user {@code userId}. */
    public record FederatedIdentity(
            String provider,
            String subject,
            String userId,
            List<String> upstreamRoles,
            Instant createdAt,
            @Nullable Instant lastLoginAt) {

        public FederatedIdentity {
            upstreamRoles = List.copyOf(upstreamRoles);
        }
    }

    private static final String COLUMNS = "provider, subject, user_id, upstream_roles, created_at, last_login_at";

    private final JdbcTemplate jdbc;

    public FederatedIdentityRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<FederatedIdentity> find(String provider, String subject) {
        return this.jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM phoenix_federated_identity WHERE provider = ? AND subject = ?",
                        FederatedIdentityRepository::map,
                        provider,
                        subject)
                .stream()
                .findFirst();
    }

    /** The user's links, oldest first. */
    public List<FederatedIdentity> findByUser(String userId) {
        return this.jdbc.query(
                "SELECT " + COLUMNS + " FROM phoenix_federated_identity WHERE user_id = ? ORDER BY created_at",
                FederatedIdentityRepository::map,
                userId);
    }

    /** Inserts a link; a concurrent insert of the same (provider, subject) is a DuplicateKeyException. */
    public void insert(String provider, String subject, String userId, Instant now) {
        this.jdbc.update(
                "INSERT INTO phoenix_federated_identity (provider, subject, user_id, created_at, last_login_at)"
                        + " VALUES (?, ?, ?, ?, ?)",
                provider,
                subject,
                userId,
                now.atOffset(ZoneOffset.UTC),
                now.atOffset(ZoneOffset.UTC));
    }

    /** Records a sign-in through the link and the roles the provider granted with it. */
    public void recordSignIn(String provider, String subject, List<String> upstreamRoles, Instant now) {
        this.jdbc.update(
                "UPDATE phoenix_federated_identity SET upstream_roles = ?, last_login_at = ?"
                        + " WHERE provider = ? AND subject = ?",
                String.join(",", upstreamRoles),
                now.atOffset(ZoneOffset.UTC),
                provider,
                subject);
    }

    private static FederatedIdentity map(ResultSet rs, int row) throws SQLException {
        String roles = rs.getString("upstream_roles");
        OffsetDateTime last = rs.getObject("last_login_at", OffsetDateTime.class);
        return new FederatedIdentity(
                rs.getString("provider"),
                rs.getString("subject"),
                rs.getString("user_id"),
                (roles == null || roles.isEmpty()) ? List.of() : Arrays.asList(roles.split(",")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                (last != null) ? last.toInstant() : null);
    }
}
