package com.phoenixidp.authserver.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Housekeeping deletes what has expired (grace 0 in the test profile) and nothing else, in
 * bounded batches, only while no other node holds its lease, and says what it removed in one line.
 */
@ExtendWith(OutputCaptureExtension.class)
class HousekeepingIntegrationTest extends AuthServerIntegrationTest {

    @Autowired
    Housekeeping housekeeping;

    private final Instant now = Instant.now();

    private final Instant past = this.now.minus(Duration.ofMinutes(10));

    private final Instant future = this.now.plus(Duration.ofHours(1));

    @Test
    void runWhenRowsExpiredThenDeletedAndLiveRowsKeptAndOneLineLogged(CapturedOutput output) {
        String prefix = "sha256:hk-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        authorization(prefix + "expired-access", this.past, this.past);
        authorization(prefix + "live-access", this.future, this.past);
        authorization(prefix + "pending-old", null, this.now.minus(Duration.ofHours(2)));
        authorization(prefix + "pending-new", null, this.now);
        usedRefreshToken(prefix + "expired", this.past);
        usedRefreshToken(prefix + "live", this.future);
        devicePoll(prefix + "expired", this.past);
        devicePoll(prefix + "live", this.future);
        challenge(prefix + "expired", this.past);
        challenge(prefix + "live", this.future);
        session(prefix + "expired", this.past);
        session(prefix + "live", this.future);
        revokedJti(prefix + "expired", this.past);
        revokedJti(prefix + "live", this.future);
        passwordReset(prefix + "expired", this.past);
        passwordReset(prefix + "live", this.future);
        audit(prefix + "old", this.now.minus(Duration.ofDays(91)));
        audit(prefix + "recent", this.now.minus(Duration.ofDays(89)));

        this.housekeeping.run();

        assertThat(ids("oauth2_authorization", "id", prefix))
                .containsExactlyInAnyOrder(prefix + "live-access", prefix + "pending-new");
        assertThat(ids("phoenix_used_refresh_token", "token_hash", prefix)).containsExactly(prefix + "live");
        assertThat(ids("phoenix_device_poll", "device_code_hash", prefix)).containsExactly(prefix + "live");
        assertThat(ids("webauthn_challenge", "ceremony_id", prefix)).containsExactly(prefix + "live");
        assertThat(ids("spring_session", "session_id", prefix)).containsExactly(prefix + "live");
        assertThat(ids("spring_session_attributes", "attribute_name", prefix)).containsExactly(prefix + "live");
        assertThat(ids("phoenix_revoked_jti", "jti", prefix)).containsExactly(prefix + "live");
        assertThat(ids("phoenix_password_reset", "token_hash", prefix)).containsExactly(prefix + "live");
        assertThat(ids("phoenix_audit_event", "actor", prefix)).containsExactly(prefix + "recent");
        assertThat(output.getOut().lines().filter((l) -> l.contains("Housekeeping on node")))
                .singleElement()
                .satisfies((line) -> assertThat(line)
                        .contains(
                                "removed authorizations=",
                                "sessions=",
                                "revoked_tokens=",
                                "password_resets=",
                                "passkey_challenges=",
                                "audit_events="));
        removeLiveRows(prefix);
    }

    /** The rows that (rightly) survived: other tests share this database. */
    private void removeLiveRows(String prefix) {
        this.jdbc.update("DELETE FROM oauth2_authorization WHERE id LIKE ?", prefix + "%");
        this.jdbc.update("DELETE FROM phoenix_used_refresh_token WHERE token_hash LIKE ?", prefix + "%");
        this.jdbc.update("DELETE FROM phoenix_device_poll WHERE device_code_hash LIKE ?", prefix + "%");
        this.jdbc.update("DELETE FROM webauthn_challenge WHERE ceremony_id LIKE ?", prefix + "%");
        this.jdbc.update("DELETE FROM spring_session WHERE session_id LIKE ?", prefix + "%");
        this.jdbc.update("DELETE FROM phoenix_revoked_jti WHERE jti LIKE ?", prefix + "%");
        this.jdbc.update("DELETE FROM phoenix_password_reset WHERE token_hash LIKE ?", prefix + "%");
        this.jdbc.update("DELETE FROM phoenix_audit_event WHERE actor LIKE ?", prefix + "%");
    }

    @Test
    void runIfNoOtherNodeIsWhenAnotherNodeHoldsTheLeaseThenNothingDeletedUntilItIsReleased() {
        String prefix = "sha256:hk-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        challenge(prefix + "expired", this.past);
        this.jdbc.update("DELETE FROM shedlock WHERE name = ?", Housekeeping.LOCK_NAME);
        this.jdbc.update(
                "INSERT INTO shedlock (name, lock_until, locked_at, locked_by) VALUES (?, ?, ?, ?)",
                Housekeeping.LOCK_NAME,
                // a day either way: the lease table holds times without a zone (ShedLock, database time)
                java.sql.Timestamp.from(this.now.plus(Duration.ofDays(1))),
                java.sql.Timestamp.from(this.now),
                "another-node");

        this.housekeeping.runIfNoOtherNodeIs();

        assertThat(ids("webauthn_challenge", "ceremony_id", prefix)).containsExactly(prefix + "expired");
        this.jdbc.update(
                "UPDATE shedlock SET lock_until = ? WHERE name = ?",
                java.sql.Timestamp.from(this.now.minus(Duration.ofDays(1))),
                Housekeeping.LOCK_NAME);

        this.housekeeping.runIfNoOtherNodeIs();

        assertThat(ids("webauthn_challenge", "ceremony_id", prefix)).isEmpty();
        assertThat(this.jdbc.queryForObject(
                        "SELECT locked_by FROM shedlock WHERE name = ?", String.class, Housekeeping.LOCK_NAME))
                .as("the lease stays taken for most of an interval, so other nodes skip this one")
                .isNotEqualTo("another-node");
    }

    @Test
    void expiredRowsWhenMoreThanABatchThenDeletedBatchByBatchAndStopsWhenTimeIsUp() {
        String prefix = "sha256:hk-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        for (int i = 0; i < 25; i++) {
            devicePoll(prefix + i, this.past);
        }

        int firstBatchOnly = new ExpiredRows(this.jdbc, 7, () -> false).devicePolls(this.now);
        int rest = new ExpiredRows(this.jdbc, 7, () -> true).devicePolls(this.now);

        assertThat(firstBatchOnly).isEqualTo(7);
        assertThat(rest).isGreaterThanOrEqualTo(18);
        assertThat(ids("phoenix_device_poll", "device_code_hash", prefix)).isEmpty();
    }

    private java.util.List<String> ids(String table, String column, String prefix) {
        return this.jdbc.queryForList(
                "SELECT TRIM(" + column + ") FROM " + table + " WHERE " + column + " LIKE ?",
                String.class,
                prefix + "%");
    }

    private void authorization(String id, Instant accessExpiresAt, Instant createdAt) {
        this.jdbc.update(
                "INSERT INTO oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type,"
                        + " access_token_value, access_token_issued_at, access_token_expires_at, created_at)"
                        + " VALUES (?, 'web', 'alice', 'client_credentials', ?, ?, ?, ?)",
                id,
                (accessExpiresAt != null) ? "sha256:" + id : null,
                (accessExpiresAt != null) ? utc(createdAt) : null,
                (accessExpiresAt != null) ? utc(accessExpiresAt) : null,
                utc(createdAt));
    }

    private void usedRefreshToken(String hash, Instant expiresAt) {
        this.jdbc.update(
                "INSERT INTO phoenix_used_refresh_token (token_hash, authorization_id, used_at, expires_at)"
                        + " VALUES (?, 'gone', ?, ?)",
                hash,
                utc(this.now),
                utc(expiresAt));
    }

    private void devicePoll(String hash, Instant expiresAt) {
        this.jdbc.update(
                "INSERT INTO phoenix_device_poll (device_code_hash, last_poll_at, interval_seconds, expires_at)"
                        + " VALUES (?, ?, 5, ?)",
                hash,
                utc(this.now),
                utc(expiresAt));
    }

    private void challenge(String id, Instant expiresAt) {
        this.jdbc.update(
                "INSERT INTO webauthn_challenge (ceremony_id, ceremony_type, challenge_hash, expires_at)"
                        + " VALUES (?, 'AUTHENTICATION', ?, ?)",
                id,
                new byte[32],
                utc(expiresAt));
    }

    private void session(String id, Instant expiresAt) {
        String primaryId = UUID.randomUUID().toString();
        this.jdbc.update(
                "INSERT INTO spring_session (primary_id, session_id, creation_time, last_access_time,"
                        + " max_inactive_interval, expiry_time) VALUES (?, ?, ?, ?, 1800, ?)",
                primaryId,
                id,
                this.now.toEpochMilli(),
                this.now.toEpochMilli(),
                expiresAt.toEpochMilli());
        this.jdbc.update(
                "INSERT INTO spring_session_attributes (session_primary_id, attribute_name, attribute_bytes)"
                        + " VALUES (?, ?, ?)",
                primaryId,
                id,
                new byte[] {1});
    }

    private void revokedJti(String jti, Instant expiresAt) {
        this.jdbc.update(
                "INSERT INTO phoenix_revoked_jti (jti, expires_at, revoked_at) VALUES (?, ?, ?)",
                jti,
                utc(expiresAt),
                utc(this.past));
    }

    private void passwordReset(String tokenHash, Instant expiresAt) {
        String alice = this.jdbc.queryForObject("SELECT id FROM phoenix_user WHERE username = 'alice'", String.class);
        this.jdbc.update(
                "INSERT INTO phoenix_password_reset (token_hash, user_id, expires_at) VALUES (?, ?, ?)",
                tokenHash,
                alice,
                utc(expiresAt));
    }

    private void audit(String actor, Instant time) {
        this.jdbc.update(
                "INSERT INTO phoenix_audit_event (event_time, event_type, actor, outcome) VALUES (?, 'test', ?, 'success')",
                utc(time),
                actor);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
