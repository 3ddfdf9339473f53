package com.phoenixidp.authserver.logout;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.TestPorts;
import com.phoenixidp.authserver.audit.AuditLog;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Delivery of logout tokens from the queue in the database: a relying party that is down is
 * retried with back-off ({@code phoenix.logout.first-retry} is 1 s in the test profile) until it
 * answers 2xx; a delivery another node queued (or claimed and then died) is carried on from the
 * database; one still failing {@code give-up-after} the session ended is dropped and audited.
 */
class LogoutDeliveryIntegrationTest extends AuthServerIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    private AuditLog audit;

    @Test
    void deliveryWhenRelyingPartyDownThenRetriedWithBackoffAndDeliveredOnceItAnswers() {
        BackchannelTestSupport support = new BackchannelTestSupport(baseUrl());
        int port = TestPorts.findFreePort();
        String clientId = support.registerClient("http://127.0.0.1:" + port + "/bcl");
        String user = "bcl-retry-" + OAuthTestClient.randomToken().substring(0, 6);
        support.createUser(user, "retry-logout-password-1");
        String sid = BackchannelTestSupport.sidOf(
                BackchannelTestSupport.signIn(client(), clientId, user, "retry-logout-password-1"));

        assertThat(support.adminPost("/admin/users/" + user + "/logout").status())
                .isEqualTo(200);

        // nothing listens: connection refused, then a retry is scheduled about first-retry later
        waitUntil(() -> attempts(user) >= 1, "a failed attempt is recorded");
        Map<String, Object> row = this.jdbc.queryForMap(
                "SELECT attempts, last_error, next_attempt_at FROM phoenix_logout_delivery WHERE subject = ?", user);
        assertThat((String) row.get("last_error")).isNotBlank();
        // the relying party comes up, answers 503 once, then 200
        try (LogoutReceiver rp = LogoutReceiver.start(port, 503)) {
            LogoutReceiver.Delivery delivery = rp.next(WAIT);

            support.assertLogoutToken(delivery.logoutToken(), clientId, user, sid);
            assertThat(rp.requests()).as("the 503 was retried").isGreaterThanOrEqualTo(2);
        }
        waitUntil(() -> attempts(user) < 0, "the delivered row is gone");
        this.audit.flush();
        String details = this.jdbc.queryForObject(
                "SELECT details FROM phoenix_audit_event WHERE username = ? AND event_type = 'logout.delivered'",
                String.class,
                user);
        int attempts = Integer.parseInt(details.replaceAll(".*attempts=(\\d+).*", "$1"));
        assertThat(attempts).as("refused, 503, delivered").isGreaterThanOrEqualTo(3);
    }

    @Test
    void deliveryWhenQueuedByAnotherNodeThatDiedThenDeliveredFromTheDatabase() {
        BackchannelTestSupport support = new BackchannelTestSupport(baseUrl());
        try (LogoutReceiver rp = LogoutReceiver.start(0)) {
            String clientId = support.registerClient(rp.uri());
            String sid = OAuthTestClient.randomToken()
                    + OAuthTestClient.randomToken().substring(0, 11);
            Instant now = Instant.now();
            // claimed by a node whose lease ran out (it died mid-delivery), after two failed attempts
            insert(clientId, "someone-else", sid, now.minusSeconds(30), now.minusSeconds(1), 2, now.minusSeconds(5));

            LogoutReceiver.Delivery delivery = rp.next(WAIT);

            support.assertLogoutToken(delivery.logoutToken(), clientId, "someone-else", sid);
        }
    }

    @Test
    void deliveryWhenStillFailingAfterGiveUpAfterThenDroppedAndAudited() {
        BackchannelTestSupport support = new BackchannelTestSupport(baseUrl());
        String clientId = support.registerClient("http://127.0.0.1:" + TestPorts.findFreePort() + "/bcl");
        String subject = "bcl-old-" + OAuthTestClient.randomToken().substring(0, 6);
        Instant now = Instant.now();
        // the session ended 25 hours ago (give-up-after: 24 h) and the client never answered
        insert(clientId, subject, "x".repeat(43), now.minus(Duration.ofHours(25)), now.minusSeconds(1), 17, null);

        waitUntil(() -> attempts(subject) < 0, "the delivery is given up");

        this.audit.flush();
        assertThat(this.jdbc.queryForList(
                        "SELECT event_type FROM phoenix_audit_event WHERE username = ? AND client_id = ?",
                        String.class,
                        subject,
                        clientId))
                .containsExactly("logout.delivery_failed");
    }

    /** The delivery's attempts so far, or -1 once it is no longer queued. */
    private int attempts(String subject) {
        List<Integer> attempts = this.jdbc.queryForList(
                "SELECT attempts FROM phoenix_logout_delivery WHERE subject = ?", Integer.class, subject);
        return attempts.isEmpty() ? -1 : attempts.get(0);
    }

    private void insert(
            String clientId,
            String subject,
            String sid,
            Instant created,
            Instant nextAttempt,
            int attempts,
            Instant lockedUntil) {
        this.jdbc.update(
                "INSERT INTO phoenix_logout_delivery (id, client_id, subject, sid, created_at, next_attempt_at,"
                        + " attempts, locked_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(),
                clientId,
                subject,
                sid,
                utc(created),
                utc(nextAttempt),
                attempts,
                (lockedUntil != null) ? utc(lockedUntil) : null);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static void waitUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }
}
