package com.phoenixidp.authserver.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Phoenix's own counters and timers, scraped at {@code /actuator/prometheus}: tokens issued
 * ({@code phoenix_tokens_issued_total}), token endpoint errors, sign-ins, password hashing time,
 * revocations (certificates issued are counted from the CA ledger, see the {@code ca} package).
 *
 * <p>Every tag value comes from a closed set: grant types and error codes of the RFCs, else
 * {@code other}; {@code client_id} only for an authenticated (so registered) client and only for
 * the first {@code phoenix.metrics.max-client-ids} of them, the rest are {@code other}. Nothing a
 * caller makes up (an unknown client id, a username) and never a secret or token becomes a tag.
 * Counters are looked up in maps, not built per request, so counting costs a hash lookup.
 */
@Component
public final class PhoenixMetrics {

    public static final String TOKENS_ISSUED = "phoenix.tokens.issued";

    public static final String TOKEN_ERRORS = "phoenix.token.errors";

    public static final String LOGINS = "phoenix.logins";

    public static final String PASSWORD_HASH = "phoenix.password.hash";

    public static final String CERTIFICATES_ISSUED = "phoenix.certificates.issued";

    public static final String REVOCATIONS = "phoenix.revocations";

    /** The tag value for anything outside a closed set. */
    public static final String OTHER = "other";

    /** Grant types of RFC 6749 4/6, RFC 8628, RFC 8693, RFC 7523, in this order (index = slot). */
    static final List<String> GRANT_TYPES = List.of(
            "authorization_code",
            "client_credentials",
            "refresh_token",
            "urn:ietf:params:oauth:grant-type:device_code",
            "urn:ietf:params:oauth:grant-type:token-exchange",
            "urn:ietf:params:oauth:grant-type:jwt-bearer",
            "password",
            OTHER);

    /** Token endpoint error codes: RFC 6749 5.2, RFC 8628 3.5, RFC 8693 2.2.2, RFC 8707 2, RFC 6749 4.1.2.1. */
    static final List<String> TOKEN_ERROR_CODES = List.of(
            "invalid_request",
            "invalid_client",
            "invalid_grant",
            "unauthorized_client",
            "unsupported_grant_type",
            "invalid_scope",
            "invalid_target",
            "authorization_pending",
            "slow_down",
            "access_denied",
            "expired_token",
            "server_error",
            "temporarily_unavailable",
            OTHER);

    /** Sign-in methods and their outcomes. */
    public enum LoginMethod {
        PASSWORD,
        PASSKEY
    }

    /** How a sign-in ended. */
    public enum LoginOutcome {
        SUCCESS,
        BAD_CREDENTIALS,
        LOCKED,
        FAILURE
    }

    /** What was revoked. */
    public enum RevocationKind {
        /** A token revoked at the RFC 7009 endpoint. */
        TOKEN,
        /** Every token of a user (signed out everywhere, disabled or deleted). */
        USER,
        /** A user's tokens with one client (a connected app taken back). */
        USER_CLIENT,
        /** Every token issued to a client (the client disabled or deleted). */
        CLIENT
    }

    private final MeterRegistry registry;

    private final int maxClientIds;

    private final Map<String, ClientCounters> tokensByClient = new ConcurrentHashMap<>();

    private final ClientCounters otherClients = new ClientCounters(OTHER);

    private final Map<String, Counter> tokenErrors;

    private final Map<LoginMethod, Map<LoginOutcome, Counter>> logins = new EnumMap<>(LoginMethod.class);

    private final Map<RevocationKind, Counter> revocations = new EnumMap<>(RevocationKind.class);

    private final Timer hashTimer;

    private final Timer verifyTimer;

    public PhoenixMetrics(MeterRegistry registry, @Value("${phoenix.metrics.max-client-ids:100}") int maxClientIds) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.maxClientIds = maxClientIds;
        this.tokenErrors = TOKEN_ERROR_CODES.stream()
                .collect(Collectors.toUnmodifiableMap(
                        Function.identity(),
                        (code) -> Counter.builder(TOKEN_ERRORS)
                                .description("Token endpoint errors by RFC error code")
                                .tag("error", code)
                                .register(registry)));
        for (LoginMethod method : LoginMethod.values()) {
            this.logins.put(method, new ConcurrentHashMap<>());
            login(method, LoginOutcome.SUCCESS, 0);
            login(method, LoginOutcome.FAILURE, 0);
        }
        for (RevocationKind kind : RevocationKind.values()) {
            this.revocations.put(kind, revocationCounter(registry, tagValue(kind)));
        }
        this.hashTimer = hashTimer(registry, "hash");
        this.verifyTimer = hashTimer(registry, "verify");
    }

    /** One successful token response of the token endpoint to an authenticated client. */
    public void tokenIssued(String grantType, String clientId) {
        int slot = GRANT_TYPES.indexOf(grantType);
        if (slot < 0) {
            slot = GRANT_TYPES.size() - 1;
        }
        ClientCounters counters = this.tokensByClient.get(clientId);
        if (counters == null) {
            counters = (this.tokensByClient.size() < this.maxClientIds)
                    ? this.tokensByClient.computeIfAbsent(clientId, ClientCounters::new)
                    : this.otherClients;
        }
        counters.counter(this.registry, slot).increment();
    }

    /** One error answer of the token endpoint (client authentication failures included). */
    public void tokenError(String errorCode) {
        Counter counter = this.tokenErrors.get((errorCode != null) ? errorCode : OTHER);
        if (counter == null) {
            counter = Objects.requireNonNull(this.tokenErrors.get(OTHER), "a counter for other errors");
        }
        counter.increment();
    }

    public void login(LoginMethod method, LoginOutcome outcome) {
        login(method, outcome, 1);
    }

    private void login(LoginMethod method, LoginOutcome outcome, int count) {
        Map<LoginOutcome, Counter> byOutcome =
                Objects.requireNonNull(this.logins.get(method), "every login method has its counters");
        byOutcome
                .computeIfAbsent(
                        outcome,
                        (o) -> Counter.builder(LOGINS)
                                .description("Sign-ins by method (password, passkey) and outcome")
                                .tag("method", tagValue(method))
                                .tag("outcome", tagValue(o))
                                .register(this.registry))
                .increment(count);
    }

    public void revoked(RevocationKind kind) {
        Objects.requireNonNull(this.revocations.get(kind), "every revocation kind has its counter")
                .increment();
    }

    Timer hashTimer() {
        return this.hashTimer;
    }

    Timer verifyTimer() {
        return this.verifyTimer;
    }

    /** A counter of revocations of a kind this class does not count itself (e.g. {@code certificate}). */
    public static Counter revocationCounter(MeterRegistry registry, String kind) {
        return Counter.builder(REVOCATIONS)
                .description("Revocations by kind")
                .tag("kind", kind)
                .register(registry);
    }

    /** The token counters of one client_id tag value, one per grant type (made on first use). */
    private static final class ClientCounters {

        private final String tag;

        private final Counter[] byGrant = new Counter[GRANT_TYPES.size()];

        ClientCounters(String tag) {
            this.tag = tag;
        }

        Counter counter(MeterRegistry registry, int slot) {
            Counter counter = this.byGrant[slot];
            if (counter == null) {
                // registering twice (a race) returns the same meter
                counter = Counter.builder(TOKENS_ISSUED)
                        .description("Tokens issued by the token endpoint, by grant type and client")
                        .tag("grant_type", GRANT_TYPES.get(slot))
                        .tag("client_id", this.tag)
                        .register(registry);
                this.byGrant[slot] = counter;
            }
            return counter;
        }
    }

    private static Timer hashTimer(MeterRegistry registry, String operation) {
        return Timer.builder(PASSWORD_HASH)
                .description("Time spent hashing (new password) or verifying (sign-in) a user's password")
                .tag("operation", operation)
                .register(registry);
    }

    static String tagValue(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }
}
