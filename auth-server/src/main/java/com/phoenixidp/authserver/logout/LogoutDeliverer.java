package com.phoenixidp.authserver.logout;

import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.client.ClientLogoutSettings;
import com.phoenixidp.authserver.config.LazyHttpClient;
import com.phoenixidp.authserver.logout.LogoutDeliveryStore.PendingLogout;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

/**
 * Sends the queued logout tokens (OpenID Connect Back-Channel Logout 1.0 section 2.5): every
 * {@code phoenix.logout.poll-interval} this node claims due deliveries from the database, POSTs
 * {@code logout_token=<JWT>} (form-encoded, no redirects followed, {@code request-timeout}) to each
 * client's {@code backchannel-logout-uri}, deletes the delivery on a 2xx answer and otherwise
 * schedules the next attempt with exponential back-off ({@link LogoutProperties#retryDelay}). A
 * delivery still failing {@code give-up-after} its session ended is dropped and audited as
 * {@code logout.delivery_failed}. It runs on its own thread, so slow clients never hold up the
 * application's scheduled tasks; the queue in the database lets a restarted node or another node
 * carry on.
 */
@Component
public class LogoutDeliverer implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(LogoutDeliverer.class);

    private static final int BATCH = 20;

    private final LogoutDeliveryStore store;

    private final LogoutTokens tokens;

    private final RegisteredClientRepository clients;

    private final LogoutProperties properties;

    private final Clock clock;

    private final AuditLog audit;

    private final LazyHttpClient http;

    private volatile @Nullable ScheduledExecutorService executor;

    LogoutDeliverer(
            LogoutDeliveryStore store,
            LogoutTokens tokens,
            RegisteredClientRepository clients,
            LogoutProperties properties,
            Clock clock,
            AuditLog audit) {
        this.store = store;
        this.tokens = tokens;
        this.clients = clients;
        this.properties = properties;
        this.clock = clock;
        this.audit = audit;
        this.http = new LazyHttpClient(properties.getRequestTimeout());
    }

    /** What one attempt came to: a 2xx answer, or why not. */
    private record Outcome(
            PendingLogout delivery,
            String clientId,
            boolean delivered,
            @Nullable String error) {}

    /**
     * One round: claims the due deliveries and tries each once (in parallel); returns how many
     * were delivered.
     */
    public int deliverDue() {
        Instant now = this.clock.instant();
        List<PendingLogout> claimed = this.store.claimDue(now, lease(), BATCH);
        List<CompletableFuture<Outcome>> attempts = new ArrayList<>(claimed.size());
        for (PendingLogout delivery : claimed) {
            attempts.add(attempt(delivery));
        }
        int delivered = 0;
        for (CompletableFuture<Outcome> attempt : attempts) {
            Outcome outcome = attempt.join();
            if (outcome.delivered()) {
                delivered++;
            }
            record(outcome);
        }
        return delivered;
    }

    private CompletableFuture<Outcome> attempt(PendingLogout delivery) {
        RegisteredClient client = this.clients.findByClientId(delivery.clientId());
        String uri = (client != null) ? ClientLogoutSettings.backchannelLogoutUri(client) : null;
        if (uri == null) {
            return CompletableFuture.completedFuture(
                    new Outcome(delivery, delivery.clientId(), false, "client_without_backchannel_logout_uri"));
        }
        HttpRequest request;
        try {
            String token = this.tokens.create(delivery.clientId(), delivery.subject(), delivery.sid());
            request = HttpRequest.newBuilder(URI.create(uri))
                    .timeout(this.properties.getRequestTimeout())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Cache-Control", "no-store")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "logout_token=" + URLEncoder.encode(token, StandardCharsets.US_ASCII)))
                    .build();
        } catch (RuntimeException ex) {
            return CompletableFuture.completedFuture(new Outcome(
                    delivery, delivery.clientId(), false, ex.getClass().getSimpleName()));
        }
        return this.http
                .get()
                .sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> {
                    if (error != null) {
                        Throwable cause = (error.getCause() != null) ? error.getCause() : error;
                        return new Outcome(
                                delivery,
                                delivery.clientId(),
                                false,
                                cause.getClass().getSimpleName());
                    }
                    boolean ok = response.statusCode() >= 200 && response.statusCode() < 300;
                    return new Outcome(delivery, delivery.clientId(), ok, ok ? null : "HTTP " + response.statusCode());
                });
    }

    private void record(Outcome outcome) {
        PendingLogout delivery = outcome.delivery();
        int attempts = delivery.attempts() + 1;
        if (outcome.delivered()) {
            this.store.remove(delivery.id());
            this.audit.event(
                    "logout.delivered", "user", delivery.subject(), "client", outcome.clientId(), "attempts", attempts);
            return;
        }
        Instant now = this.clock.instant();
        Instant deadline = delivery.createdAt().plus(this.properties.getGiveUpAfter());
        if (!now.isBefore(deadline) || "client_without_backchannel_logout_uri".equals(outcome.error())) {
            this.store.remove(delivery.id());
            this.audit.event(
                    "logout.delivery_failed",
                    "user",
                    delivery.subject(),
                    "client",
                    outcome.clientId(),
                    "attempts",
                    attempts,
                    "error",
                    outcome.error());
            return;
        }
        Instant next = now.plus(this.properties.retryDelay(attempts));
        this.store.retryAt(
                delivery.id(),
                attempts,
                next.isAfter(deadline) ? deadline : next,
                Objects.requireNonNull(outcome.error(), "a failed delivery names its error"));
        LOG.info(
                "Back-channel logout to client {} failed ({}), attempt {}; next attempt at {}",
                outcome.clientId(),
                outcome.error(),
                attempts,
                next.isAfter(deadline) ? deadline : next);
    }

    /** Longer than any attempt takes, so a claimed delivery is not claimed twice. */
    private Duration lease() {
        return this.properties.getRequestTimeout().multipliedBy(3).plusSeconds(10);
    }

    private void deliverQuietly() {
        try {
            while (deliverDue() > 0 && isRunning()) {
                // keep going while there is a backlog
            }
        } catch (RuntimeException ex) {
            LOG.warn(
                    "Back-channel logout delivery round failed: {}",
                    ex.getClass().getSimpleName());
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((r) -> {
            Thread thread = new Thread(r, "phoenix-logout-delivery");
            thread.setDaemon(true);
            return thread;
        });
        long poll = Math.max(50, this.properties.getPollInterval().toMillis());
        // deliverQuietly catches what it throws: the future has nothing to report
        var unused = scheduler.scheduleWithFixedDelay(this::deliverQuietly, poll, poll, TimeUnit.MILLISECONDS);
        this.executor = scheduler;
    }

    @Override
    public void stop() {
        ScheduledExecutorService scheduler = this.executor;
        this.executor = null;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return this.executor != null;
    }
}
