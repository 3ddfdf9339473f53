package com.phoenixidp.authserver.observability;

import com.phoenixidp.crypto.keys.KeyStatus;
import com.phoenixidp.crypto.keys.SigningKeyManager;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code phoenix} health contributor of the readiness group ({@code
 * /actuator/health/readiness}): DOWN until the database migrations have run and a signing key is
 * ACTIVE, and whenever the database does not answer. The database check (a connection from the
 * pool, {@code SELECT 1}) runs on its own thread and is given {@link #DEADLINE}: with the
 * database gone, taking a connection from the pool would wait for the pool's connection timeout
 * (30 s by default), and a load balancer's probe must not. One check at a time: a probe that
 * arrives while one is still stuck waits for that one (within its own deadline) rather than
 * starting another. Liveness does not include it: a database outage is not a reason to restart.
 */
@Component("phoenixHealthIndicator")
public final class ReadinessHealthIndicator implements HealthIndicator, DisposableBean {

    /** How long a probe waits for the database. */
    static final Duration DEADLINE = Duration.ofMillis(1500);

    private final DataSource dataSource;

    private final SigningKeyManager keys;

    private final ObjectProvider<Flyway> flyway;

    private final ExecutorService checker = Executors.newSingleThreadExecutor((r) -> {
        Thread thread = new Thread(r, "phoenix-readiness-db");
        thread.setDaemon(true);
        return thread;
    });

    private @Nullable Future<Boolean> running;

    private volatile boolean migrated;

    public ReadinessHealthIndicator(DataSource dataSource, SigningKeyManager keys, ObjectProvider<Flyway> flyway) {
        this.dataSource = dataSource;
        this.keys = keys;
        this.flyway = flyway;
    }

    @Override
    public Health health() {
        boolean keysLoaded = this.keys.describe().stream().anyMatch((key) -> key.status() == KeyStatus.ACTIVE);
        String database = database();
        boolean up = keysLoaded && this.migrated && "UP".equals(database);
        return (up ? Health.up() : Health.down())
                .withDetail("database", database)
                .withDetail("migrations", this.migrated ? "applied" : "pending")
                .withDetail("signingKeys", keysLoaded ? "loaded" : "none active")
                .build();
    }

    /** UP, DOWN or TIMEOUT (no answer within the deadline). */
    private String database() {
        Future<Boolean> check;
        synchronized (this) {
            if (this.running == null || this.running.isDone()) {
                this.running = this.checker.submit(this::check);
            }
            check = this.running;
        }
        try {
            return check.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS) ? "UP" : "DOWN";
        } catch (TimeoutException ex) {
            return "TIMEOUT";
        } catch (ExecutionException ex) {
            return "DOWN";
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return "DOWN";
        }
    }

    private boolean check() throws Exception {
        try {
            selectOne();
        } catch (java.sql.SQLException ex) {
            // the pool has just thrown away a dead connection (below): once more, with a fresh one
            selectOne();
        }
        if (!this.migrated) {
            checkMigrations();
        }
        return true;
    }

    /**
     * Once, when the application is ready (the database answered its migrations moments ago), not at
     * every probe: Flyway's info opens connections of its own, and a probe must take at most one.
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    public void checkMigrations() {
        Flyway migrations = this.flyway.getIfAvailable();
        // no Flyway bean: the schema is managed elsewhere, nothing to wait for
        this.migrated = (migrations == null) || migrations.info().pending().length == 0;
    }

    /**
     * A real statement rather than {@code Connection.isValid}: a pooled connection whose database
     * was closed (H2 after a full disk) then fails through the pool's proxy, which evicts it
     * ({@code BrokenConnectionEviction}); isValid would just say false, and the pool would hand
     * this thread the same dead connection at every probe, DOWN for ever.
     */
    private void selectOne() throws java.sql.SQLException {
        try (Connection connection = this.dataSource.getConnection();
                java.sql.Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(1);
            statement.execute("SELECT 1");
        }
    }

    @Override
    public void destroy() {
        this.checker.shutdownNow();
    }
}
