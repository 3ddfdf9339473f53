package com.phoenixidp.authserver.ldap;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** JDBC storage of directory accounts ({@code phoenix_ldap_account}, Flyway V11). */
@Repository
public class LdapAccountRepository {

    /** What Phoenix remembers about a directory user besides the user record. */
    public record LdapAccount(String userId, String dn, List<String> directoryRoles, Instant checkedAt) {

        public LdapAccount {
            directoryRoles = List.copyOf(directoryRoles);
        }
    }

    private final JdbcTemplate jdbc;

    public LdapAccountRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<LdapAccount> find(String userId) {
        return this.jdbc
                .query(
                        "SELECT user_id, dn, directory_roles, checked_at FROM phoenix_ldap_account WHERE user_id = ?",
                        (rs, row) -> new LdapAccount(
                                rs.getString("user_id"),
                                rs.getString("dn"),
                                split(rs.getString("directory_roles")),
                                rs.getObject("checked_at", OffsetDateTime.class).toInstant()),
                        userId)
                .stream()
                .findFirst();
    }

    /** Records a check by the directory (sign-in or re-check): DN, roles granted, when. */
    public void save(String userId, String dn, List<String> directoryRoles, Instant checkedAt) {
        String roles = String.join(",", directoryRoles);
        OffsetDateTime at = checkedAt.atOffset(ZoneOffset.UTC);
        int updated = this.jdbc.update(
                "UPDATE phoenix_ldap_account SET dn = ?, directory_roles = ?, checked_at = ? WHERE user_id = ?",
                dn,
                roles,
                at,
                userId);
        if (updated == 0) {
            this.jdbc.update(
                    "INSERT INTO phoenix_ldap_account (user_id, dn, directory_roles, checked_at) VALUES (?, ?, ?, ?)",
                    userId,
                    dn,
                    roles,
                    at);
        }
    }

    private static List<String> split(String roles) {
        return (roles == null || roles.isEmpty()) ? List.of() : Arrays.asList(roles.split(","));
    }
}
