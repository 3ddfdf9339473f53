package com.phoenixidp.authserver.audit;

import com.phoenixidp.authserver.management.Actor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.lang.Contract;
import org.springframework.stereotype.Component;

/**
 * The audit stream: security events (logins, tokens issued and revoked, key rotation, passkeys,
 * management actions) written to their own logger, {@code phoenix.audit}, as {@code key=value}
 * pairs in the message and as SLF4J key-value pairs ({@code audit.event}, {@code audit.<key>}),
 * which structured console logs ({@code logging.structured.format.console=ecs} or {@code
 * logstash}) write as JSON fields; and kept in the database ({@code phoenix_audit_event}) for {@code GET /admin/audit}.
 * Callers pass stable identifiers only (client_id, username, jti, a hash): never a token, secret,
 * password or key.
 *
 * <p>Rows are written by a background thread in batches (every {@value #FLUSH_MILLIS} ms), so
 * token issuance does not wait for an extra insert; when the queue is full the caller writes its
 * own batch (back-pressure, nothing dropped). {@link #query} flushes first, so a node always reads
 * its own events.
 */
@Component
public final class AuditLog implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger("phoenix.audit");

    private static final Logger SELF = LoggerFactory.getLogger(AuditLog.class);

    static final long FLUSH_MILLIS = 200;

    private static final int BATCH = 500;

    private static final Set<String> ACTOR_KEYS = Set.of("actor", "by");

    private static final Set<String> USER_KEYS = Set.of("user", "username", "principal");

    private static final Set<String> CLIENT_KEYS = Set.of("client", "client_id");

    private final AuditStore store;

    private final Clock clock;

    private final BlockingQueue<AuditEvent> queue = new ArrayBlockingQueue<>(10_000);

    private final Object writeLock = new Object();

    private final ScheduledExecutorService flusher;

    public AuditLog(JdbcTemplate jdbc, Clock clock) {
        this.store = new AuditStore(jdbc);
        this.clock = clock;
        this.flusher = Executors.newSingleThreadScheduledExecutor((r) -> {
            Thread thread = new Thread(r, "phoenix-audit-writer");
            thread.setDaemon(true);
            return thread;
        });
        // flushQuietly catches what it throws: the future has nothing to report
        var unused = this.flusher.scheduleWithFixedDelay(
                this::flushQuietly, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Records an event done by {@code actor} (an admin client, a console user, bootstrap ...),
     * with {@code actor}, {@code channel} and {@code address} added to the attributes. Use the
     * keys {@code user} (username) and {@code client} (client_id) for whom the event concerns,
     * and dotted type names ({@code user.created}, {@code client.secret_rotated}).
     */
    public void event(String type, Actor actor, @Nullable Object... keyValues) {
        Object[] all = new Object[keyValues.length + 6];
        all[0] = "actor";
        all[1] = actor.name();
        all[2] = "channel";
        all[3] = actor.channel();
        all[4] = "address";
        all[5] = actor.address();
        System.arraycopy(keyValues, 0, all, 6, keyValues.length);
        event(type, all);
    }

    /** Records one event with its attributes, in the given order. */
    public void event(String type, @Nullable Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keyValues must come in pairs");
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            attributes.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
        }
        if (LOG.isInfoEnabled()) {
            StringBuilder line = new StringBuilder("event=").append(type);
            LoggingEventBuilder fields = LOG.atInfo().addKeyValue("audit.event", type);
            for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
                line.append(' ').append(attribute.getKey()).append('=').append(sanitize(attribute.getValue()));
                fields = fields.addKeyValue("audit." + attribute.getKey(), structured(attribute.getValue()));
            }
            fields.log(line.toString());
        }
        AuditEvent event = toEvent(type, attributes);
        if (!this.queue.offer(event)) {
            flushQuietly();
            if (!this.queue.offer(event)) {
                writeNow(List.of(event));
            }
        }
    }

    /** Events matching {@code query}, newest first (this node's pending events included). */
    public List<AuditEvent> query(AuditQuery query) {
        flush();
        return this.store.query(query);
    }

    /** Deletes events older than {@code cutoff} (housekeeping); returns how many. */
    public int purgeOlderThan(java.time.Instant cutoff) {
        return this.store.deleteOlderThan(cutoff);
    }

    /** Writes every queued event now. */
    public void flush() {
        synchronized (this.writeLock) {
            List<AuditEvent> batch = new ArrayList<>(BATCH);
            while (this.queue.drainTo(batch, BATCH) > 0) {
                this.store.insert(batch);
                batch.clear();
            }
        }
    }

    @Override
    public void destroy() {
        this.flusher.shutdown();
        flushQuietly();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException ex) {
            // the log line is already written; the row is retried with the next batch only if
            // still queued, so say what was lost without the attributes
            SELF.warn(
                    "Could not store audit events in the database: {}",
                    ex.getClass().getSimpleName());
        }
    }

    private void writeNow(List<AuditEvent> events) {
        synchronized (this.writeLock) {
            this.store.insert(events);
        }
    }

    private AuditEvent toEvent(String type, Map<String, Object> attributes) {
        String actor = null;
        String user = null;
        String client = null;
        String address = null;
        String outcome = null;
        StringBuilder details = new StringBuilder();
        for (Map.Entry<String, Object> entry : attributes.entrySet()) {
            String key = entry.getKey();
            String value = (entry.getValue() != null) ? sanitize(entry.getValue()) : null;
            if (ACTOR_KEYS.contains(key) && actor == null) {
                actor = value;
            } else if (USER_KEYS.contains(key) && user == null) {
                user = value;
            } else if (CLIENT_KEYS.contains(key) && client == null) {
                client = value;
            } else if ("address".equals(key)) {
                address = value;
            } else if ("outcome".equals(key)) {
                outcome = value;
            } else if (value != null) {
                details.append((details.length() > 0) ? " " : "")
                        .append(key)
                        .append('=')
                        .append(value);
            }
        }
        if (outcome == null) {
            outcome = (type.contains("fail") || type.contains("reuse") || type.contains("denied"))
                    ? "failure"
                    : "success";
        }
        String text = (details.length() > 2000) ? details.substring(0, 2000) : details.toString();
        return new AuditEvent(
                0,
                this.clock.instant(),
                truncate(type, 100),
                truncate(actor, 200),
                truncate(user, 200),
                truncate(client, 100),
                truncate(address, 100),
                truncate(outcome, 32),
                text.isEmpty() ? null : text);
    }

    @Contract("!null, _ -> !null")
    private static @Nullable String truncate(@Nullable String value, int max) {
        return (value == null || value.length() <= max) ? value : value.substring(0, max);
    }

    /** A value for structured logs: numbers and booleans as such, anything else as sanitized text. */
    private static Object structured(@Nullable Object value) {
        return (value instanceof Number || value instanceof Boolean) ? value : sanitize(value);
    }

    private static String sanitize(@Nullable Object value) {
        if (value == null) {
            return "-";
        }
        String s = String.valueOf(value);
        int length = Math.min(s.length(), 200);
        char[] chars = null;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == '\t' || c == ' ') {
                if (chars == null) {
                    chars = s.substring(0, length).toCharArray();
                }
                chars[i] = '_'; // one log line, one field
            }
        }
        if (chars != null) {
            return new String(chars);
        }
        return (s.length() > length) ? s.substring(0, length) : s;
    }
}
