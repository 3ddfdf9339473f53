package com.phoenixidp.authserver.user;

import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.management.Actor;
import com.phoenixidp.authserver.management.Filter;
import com.phoenixidp.authserver.management.ManagementException;
import com.phoenixidp.authserver.management.Page;
import com.phoenixidp.authserver.session.UserSessions;
import com.phoenixidp.authserver.token.TokenRevocation;
import com.phoenixidp.crypto.password.PasswordHasher;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place where users are created, changed and removed: SCIM, the admin API, the console,
 * the account pages and bootstrap all call it, so the rules (unique usernames ignoring case, the
 * password policy, what disabling a user does) live here once. Disabling or deleting a user takes
 * effect at once on every node: their sessions (in the database) end, every refresh-token family
 * and access token of theirs is revoked; deleting also removes passkeys and consents. The
 * revocations and the back-channel logout tokens to send (queued as the sessions end) are written
 * in the same transaction as the change.
 */
@Service
public class UserService {

    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@+-]{1,200}");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");

    private final UserRepository users;

    private final PasswordHasher hasher;

    private final PasswordPolicy policy;

    private final UserSessions sessions;

    private final TokenRevocation tokens;

    private final JdbcTemplate jdbc;

    private final TransactionTemplate tx;

    private final SecureRandom random;

    private final AuditLog audit;

    private final LoginThrottle throttle;

    public UserService(
            UserRepository users,
            PasswordHasher hasher,
            PasswordPolicy policy,
            UserSessions sessions,
            TokenRevocation tokens,
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            SecureRandom random,
            AuditLog audit,
            LoginThrottle throttle) {
        this.users = users;
        this.hasher = hasher;
        this.policy = policy;
        this.sessions = sessions;
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.tx = tx;
        this.random = random;
        this.audit = audit;
        this.throttle = throttle;
    }

    public Optional<PhoenixUser> find(String id) {
        return (id == null) ? Optional.empty() : this.users.findById(id);
    }

    public Optional<PhoenixUser> findByUsername(String username) {
        return this.users.findByUsername(username);
    }

    /** The user with this id, or {@link ManagementException} NOT_FOUND. */
    public PhoenixUser get(String id) {
        return find(id).orElseThrow(() -> ManagementException.notFound("user"));
    }

    public PhoenixUser getByUsername(String username) {
        return findByUsername(username).orElseThrow(() -> ManagementException.notFound("user '" + username + "'"));
    }

    /** A page of users matching {@code filter} (null: all), ordered by username. */
    public Page<PhoenixUser> search(@Nullable Filter filter, int startIndex, int count) {
        int start = Math.max(1, startIndex);
        int size = Math.max(0, Math.min(count, 1000));
        long total = this.users.count(filter);
        List<PhoenixUser> items = (size == 0) ? List.of() : this.users.search(filter, start - 1, size);
        return new Page<>(items, total, start);
    }

    public long count() {
        return this.users.count();
    }

    /** Creates a local user; the draft's password (if any) must follow the policy. */
    public PhoenixUser create(UserDraft draft, Actor actor) {
        return create(draft, PhoenixUser.LOCAL, actor);
    }

    /** Creates a user from {@code source} (local, ldap, an upstream provider's alias). */
    public PhoenixUser create(UserDraft draft, String source, Actor actor) {
        String username = validate(draft);
        if (draft.password() != null) {
            this.policy.check(username, draft.password());
        }
        String hash = (draft.password() != null) ? this.hasher.hash(draft.password()) : null;
        PhoenixUser user = new PhoenixUser(
                UUID.randomUUID().toString(),
                username,
                hash,
                blankToNull(draft.email()),
                draft.emailVerified(),
                blankToNull(draft.displayName()),
                blankToNull(draft.givenName()),
                blankToNull(draft.familyName()),
                blankToNull(draft.externalId()),
                List.of(),
                draft.active(),
                draft.mfa(),
                newUserHandle(),
                0,
                null,
                source,
                1,
                null,
                null);
        try {
            this.users.insert(user);
        } catch (DuplicateKeyException ex) {
            throw taken(username);
        }
        this.audit.event("user.created", actor, "user", user.username(), "source", source);
        return get(user.id());
    }

    /**
     * Replaces the user's profile with the draft (a null password keeps the current one).
     * {@code expectedVersion} (negative: any) guards against lost updates (SCIM If-Match).
     */
    public PhoenixUser replace(String id, UserDraft draft, long expectedVersion, Actor actor) {
        PhoenixUser current = get(id);
        if (expectedVersion >= 0 && expectedVersion != current.version()) {
            throw ManagementException.stale();
        }
        String username = validate(draft);
        if (!current.username().equalsIgnoreCase(username)
                && this.users.findByUsername(username).isPresent()) {
            throw taken(username);
        }
        if (draft.password() != null) {
            requireLocalPassword(current);
            this.policy.check(username, draft.password());
        }
        String newHash = (draft.password() != null) ? this.hasher.hash(draft.password()) : null;
        PhoenixUser changed = new PhoenixUser(
                current.id(),
                username,
                current.passwordHash(),
                blankToNull(draft.email()),
                draft.emailVerified(),
                blankToNull(draft.displayName()),
                blankToNull(draft.givenName()),
                blankToNull(draft.familyName()),
                blankToNull(draft.externalId()),
                current.roles(),
                draft.active(),
                draft.mfa(),
                current.userHandle(),
                current.failedLogins(),
                current.lockedUntil(),
                current.source(),
                current.version(),
                current.createdAt(),
                current.updatedAt());
        boolean disabled = current.enabled() && !changed.enabled();
        // sessions and tokens carry the old name: end them rather than leave them orphaned
        boolean renamed = !current.username().equals(changed.username());
        int[] ended = new int[2];
        boolean updated;
        try {
            updated = Boolean.TRUE.equals(this.tx.execute((status) -> {
                if (!this.users.updateProfile(changed, expectedVersion)) {
                    status.setRollbackOnly();
                    return false;
                }
                if (newHash != null) {
                    this.users.updatePasswordHash(changed.username(), newHash);
                }
                if (disabled || renamed) {
                    // in the transaction of the change: revocations and the back-channel logout queue
                    ended[0] = this.tokens.revokeUser(current.username());
                    ended[1] = this.sessions.endAll(current.username());
                }
                return true;
            }));
        } catch (DuplicateKeyException ex) {
            throw taken(username);
        }
        if (!updated) {
            throw ManagementException.stale();
        }
        this.audit.event("user.updated", actor, "user", changed.username());
        if (newHash != null) {
            this.audit.event("user.password_set", actor, "user", changed.username());
        }
        if (disabled) {
            auditEnded("user.disabled", actor, current.username(), ended);
        } else if (!current.enabled() && changed.enabled()) {
            this.audit.event("user.enabled", actor, "user", changed.username());
        }
        if (renamed) {
            auditEnded("user.renamed", actor, current.username(), ended);
        }
        return get(id);
    }

    /**
     * Sets a new password (policy checked); the old one stops working at once. Refused for a
     * directory user (the directory owns that password); an upstream provider's user may be given
     * one, to sign in with as well.
     */
    public void setPassword(String id, String password, Actor actor) {
        PhoenixUser user = get(id);
        requireLocalPassword(user);
        this.policy.check(user.username(), password);
        this.users.updatePasswordHash(user.username(), this.hasher.hash(password));
        this.throttle.reset(user.username());
        this.audit.event("user.password_set", actor, "user", user.username());
    }

    /** Enables or disables; disabling ends the user's sessions and revokes their tokens. */
    public PhoenixUser setEnabled(String id, boolean enabled, Actor actor) {
        PhoenixUser user = get(id);
        if (user.enabled() == enabled) {
            return user;
        }
        return replace(id, UserDraft.of(user).withActive(enabled), -1, actor);
    }

    /** Ends every session of the user and revokes all their tokens ("sign out everywhere"). */
    public void logoutEverywhere(String id, Actor actor) {
        PhoenixUser user = get(id);
        endEverything(user.username(), actor, "session.logout");
    }

    /** Deletes the user with their passkeys, consents, group memberships, sessions and tokens. */
    public void delete(String id, Actor actor) {
        PhoenixUser user = get(id);
        this.tx.executeWithoutResult((status) -> {
            if (user.userHandle() != null) {
                this.jdbc.update("DELETE FROM webauthn_credential WHERE user_handle = ?", (Object)
                        Base64.getUrlDecoder().decode(user.userHandle()));
            }
            this.tokens.removeConsents(user.username());
            this.tokens.revokeUser(user.username());
            this.users.delete(user.id());
            // the back-channel logout queue is written in this transaction
            this.sessions.endAll(user.username());
        });
        this.audit.event("user.deleted", actor, "user", user.username());
    }

    private void endEverything(String username, Actor actor, String type) {
        int[] ended = new int[2];
        this.tx.executeWithoutResult((status) -> {
            ended[0] = this.tokens.revokeUser(username);
            ended[1] = this.sessions.endAll(username);
        });
        auditEnded(type, actor, username, ended);
    }

    private void auditEnded(String type, Actor actor, String username, int[] ended) {
        this.audit.event(type, actor, "user", username, "sessions_ended", ended[1], "authorizations_revoked", ended[0]);
    }

    /** Checks the draft; returns its username, which it must have. */
    private String validate(UserDraft draft) {
        String username = draft.username();
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ManagementException.invalid("userName", "required, 1-200 characters of A-Z a-z 0-9 . _ @ + -");
        }
        if (draft.email() != null
                && !draft.email().isBlank()
                && !EMAIL.matcher(draft.email()).matches()) {
            throw ManagementException.invalid("emails", "'" + draft.email() + "' is not an e-mail address");
        }
        checkLength("displayName", draft.displayName());
        checkLength("name.givenName", draft.givenName());
        checkLength("name.familyName", draft.familyName());
        checkLength("externalId", draft.externalId());
        if (draft.mfa() != null && !"passkey".equals(draft.mfa())) {
            throw ManagementException.invalid("mfa", "must be 'passkey' or absent");
        }
        return username;
    }

    /**
     * A directory user's password is the directory's: sign-in binds there and never looks at a
     * local hash, so setting one here would only mislead (and show a password form on the account
     * page). {@link ManagementException} INVALID_VALUE on field {@code password}.
     */
    private static void requireLocalPassword(PhoenixUser user) {
        if (PhoenixUser.LDAP.equals(user.source())) {
            throw ManagementException.invalid("password", "managed by the user directory (LDAP): change it there");
        }
    }

    private static void checkLength(String field, @Nullable String value) {
        if (value != null && value.length() > 200) {
            throw ManagementException.invalid(field, "at most 200 characters");
        }
    }

    private static ManagementException taken(String username) {
        return ManagementException.conflict("userName", "the username '" + username + "' is taken");
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return (value == null || value.isBlank()) ? null : value;
    }

    private String newUserHandle() {
        byte[] bytes = new byte[32];
        this.random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    // ---------------------------------------------------------------- self-service: account pages, password reset

    /**
     * The signed-in user changes their own password. The current password must be right: a wrong
     * one counts toward the login throttle like a failed sign-in (and is refused while the account
     * is locked) and is audited as {@code user.password_change_failed}. The new one follows the
     * {@link PasswordPolicy} and must differ from the current one. Then every other session of the
     * user ends and all their tokens are revoked (refresh fails with {@code invalid_grant}); the
     * session {@code keepSessionId} (the one making the change) stays signed in.
     */
    public void changeOwnPassword(
            String id, String currentPassword, String newPassword, String keepSessionId, Actor actor) {
        PhoenixUser user = get(id);
        requireLocalPassword(user);
        if (this.throttle.isLocked(user)) {
            this.audit.event("user.password_change_failed", actor, "user", user.username(), "reason", "locked");
            throw ManagementException.invalid(
                    "currentPassword", "too many wrong passwords: try again in a few minutes");
        }
        if (currentPassword == null
                || user.passwordHash() == null
                || !this.hasher.matches(currentPassword, user.passwordHash())) {
            this.throttle.recordWrongPassword(user.username());
            this.audit.event("user.password_change_failed", actor, "user", user.username(), "reason", "wrong_password");
            throw ManagementException.invalid("currentPassword", "is not correct");
        }
        try {
            this.policy.check(user.username(), newPassword);
            if (newPassword.equals(currentPassword)) {
                throw ManagementException.invalid("password", "must differ from the current password");
            }
        } catch (ManagementException ex) {
            this.audit.event("user.password_change_failed", actor, "user", user.username(), "reason", "policy");
            throw ex;
        }
        this.users.updatePasswordHash(user.username(), this.hasher.hash(newPassword));
        this.throttle.reset(user.username());
        int revoked = this.tokens.revokeUser(user.username());
        int ended = this.sessions.endAllExcept(user.username(), keepSessionId);
        this.audit.event(
                "user.password_changed",
                actor,
                "user",
                user.username(),
                "sessions_ended",
                ended,
                "authorizations_revoked",
                revoked);
    }

    /**
     * Sets the password of a user who proved control of their e-mail address (a password-reset
     * link, already consumed by the caller): policy checked, a lock from failed logins lifted,
     * every session of the user ended and all their tokens revoked. Audited as
     * {@code password_reset.completed}.
     */
    public void resetPassword(String id, String newPassword, Actor actor) {
        PhoenixUser user = get(id);
        requireLocalPassword(user);
        this.policy.check(user.username(), newPassword);
        this.users.updatePasswordHash(user.username(), this.hasher.hash(newPassword));
        this.throttle.reset(user.username());
        int revoked = this.tokens.revokeUser(user.username());
        int ended = this.sessions.endAll(user.username());
        this.audit.event(
                "password_reset.completed",
                actor,
                "user",
                user.username(),
                "sessions_ended",
                ended,
                "authorizations_revoked",
                revoked);
    }

    /** Ends every session of the user but {@code keepSessionId} ("sign out my other sessions"). */
    public int logoutOtherSessions(String id, String keepSessionId, Actor actor) {
        PhoenixUser user = get(id);
        int ended = this.sessions.endAllExcept(user.username(), keepSessionId);
        this.audit.event("session.logout_others", actor, "user", user.username(), "sessions_ended", ended);
        return ended;
    }
}
