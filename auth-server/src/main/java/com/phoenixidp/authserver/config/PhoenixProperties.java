package com.phoenixidp.authserver.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The settings a deployment needs, as plain Spring properties under {@code phoenix.*}
 * (see README "Configuration").
 */
@ConfigurationProperties("phoenix")
public class PhoenixProperties {

    /** The issuer identifier (OIDC Discovery / RFC 8414), e.g. http://localhost:9000. */
    private String issuer = "http://localhost:9000";

    /** Where the embedded database, generated keys and generated secrets live. */
    private Path dataDir = Path.of("./data");

    /** File holding the base64 master key; PHOENIX_MASTER_KEY takes precedence. */
    private @Nullable Path masterKeyFile;

    /** This node's name in logs and cluster locks; default: host name and process id. */
    private @Nullable String nodeName;

    private final Demo demo = new Demo();

    private final Password password = new Password();

    private final Tokens tokens = new Tokens();

    private final Keys keys = new Keys();

    private final Login login = new Login();

    private final Http http = new Http();

    public String getIssuer() {
        return this.issuer;
    }

    /**
     * Refuses, at binding (so the start-up ends in Spring Boot's one-line report of the property),
     * what cannot be an issuer identifier: RFC 8414 section 2 and OIDC Discovery want a URL with a
     * host and no query or fragment; {@code https}, or {@code http} for development.
     */
    public void setIssuer(String issuer) {
        URI uri;
        try {
            uri = new URI(issuer);
        } catch (URISyntaxException ex) {
            throw new IllegalArgumentException("not a URL: " + ex.getMessage(), ex);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException(
                    "the issuer must be an https (or, for development, http) URL, such as https://id.example.com");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the issuer URL has no host name");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the issuer URL must have no query or fragment (RFC 8414 section 2)");
        }
        this.issuer = issuer;
    }

    public Path getDataDir() {
        return this.dataDir;
    }

    public void setDataDir(Path dataDir) {
        this.dataDir = dataDir;
    }

    public @Nullable Path getMasterKeyFile() {
        return this.masterKeyFile;
    }

    public void setMasterKeyFile(@Nullable Path masterKeyFile) {
        this.masterKeyFile = masterKeyFile;
    }

    public @Nullable String getNodeName() {
        return this.nodeName;
    }

    public void setNodeName(@Nullable String nodeName) {
        this.nodeName = nodeName;
    }

    public Demo getDemo() {
        return this.demo;
    }

    public Password getPassword() {
        return this.password;
    }

    public Tokens getTokens() {
        return this.tokens;
    }

    public Keys getKeys() {
        return this.keys;
    }

    public Login getLogin() {
        return this.login;
    }

    public Http getHttp() {
        return this.http;
    }

    /** The demo profile: generated development master key, demo users and clients. */
    public static class Demo {

        private boolean enabled;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** Password hashing of human users. */
    public static class Password {

        /** bcrypt cost; 0 calibrates to the smallest cost (>= 10) taking >= 100 ms here. */
        private int bcryptCost;

        /** Shortest password accepted (NIST SP 800-63B: at least 8). */
        private int minLength = 8;

        /**
         * How many password hashes run at once (the bulkhead); 0 = half the available processors,
         * at least 1. Sign-ins beyond these and {@link #hashQueue} are answered 503 at once.
         */
        private int hashThreads;

        /** How many sign-ins may wait for a hashing slot; unset = as many as {@link #hashThreads}. */
        private @Nullable Integer hashQueue;

        /**
         * During a flood of sign-ins (while the bulkhead refuses some), the nice value (1 to 19,
         * Linux) of the threads password hashes then run on, so that while the processors are busy
         * the flood gets a smaller share of them than other requests; 0 keeps the hashes on the
         * request threads at their priority. Outside a flood they run there anyway.
         */
        private int floodNiceness = 10;

        /** The longest a queued sign-in waits for a hashing slot before it is answered 503. */
        private java.time.Duration hashMaxWait = java.time.Duration.ofSeconds(2);

        /**
         * How long a sign-in refused because hashing is saturated waits for its 503 (without a
         * thread: the request is suspended): a client that retries at once cannot make the server
         * answer thousands of refusals a second. 0 answers at once.
         */
        private java.time.Duration busyAnswerDelay = java.time.Duration.ofMillis(500);

        public java.time.Duration getBusyAnswerDelay() {
            return this.busyAnswerDelay;
        }

        public void setBusyAnswerDelay(java.time.Duration busyAnswerDelay) {
            this.busyAnswerDelay = busyAnswerDelay;
        }

        public java.time.Duration getHashMaxWait() {
            return this.hashMaxWait;
        }

        public void setHashMaxWait(java.time.Duration hashMaxWait) {
            this.hashMaxWait = hashMaxWait;
        }

        public int getFloodNiceness() {
            return this.floodNiceness;
        }

        public void setFloodNiceness(int floodNiceness) {
            this.floodNiceness = floodNiceness;
        }

        public int getHashThreads() {
            return this.hashThreads;
        }

        public void setHashThreads(int hashThreads) {
            this.hashThreads = hashThreads;
        }

        public @Nullable Integer getHashQueue() {
            return this.hashQueue;
        }

        public void setHashQueue(@Nullable Integer hashQueue) {
            this.hashQueue = hashQueue;
        }

        public int getMinLength() {
            return this.minLength;
        }

        public void setMinLength(int minLength) {
            this.minLength = minLength;
        }

        public int getBcryptCost() {
            return this.bcryptCost;
        }

        public void setBcryptCost(int bcryptCost) {
            this.bcryptCost = bcryptCost;
        }
    }

    /** Token lifetimes. */
    public static class Tokens {

        private Duration accessTokenTtl = Duration.ofMinutes(5);

        private Duration refreshTokenTtl = Duration.ofHours(8);

        private Duration authorizationCodeTtl = Duration.ofMinutes(2);

        private Duration idTokenTtl = Duration.ofMinutes(5);

        public Duration getAccessTokenTtl() {
            return this.accessTokenTtl;
        }

        public void setAccessTokenTtl(Duration accessTokenTtl) {
            this.accessTokenTtl = accessTokenTtl;
        }

        public Duration getRefreshTokenTtl() {
            return this.refreshTokenTtl;
        }

        public void setRefreshTokenTtl(Duration refreshTokenTtl) {
            this.refreshTokenTtl = refreshTokenTtl;
        }

        public Duration getAuthorizationCodeTtl() {
            return this.authorizationCodeTtl;
        }

        public void setAuthorizationCodeTtl(Duration authorizationCodeTtl) {
            this.authorizationCodeTtl = authorizationCodeTtl;
        }

        public Duration getIdTokenTtl() {
            return this.idTokenTtl;
        }

        public void setIdTokenTtl(Duration idTokenTtl) {
            this.idTokenTtl = idTokenTtl;
        }
    }

    /** Token signing keys. */
    public static class Keys {

        /** How long a retired key stays published (must exceed the longest JWT lifetime). */
        private Duration retiredRetention = Duration.ofHours(24);

        /** How often a node re-reads keys rotated by another node (one small query when nothing changed). */
        private Duration reloadInterval = Duration.ofSeconds(5);

        public Duration getRetiredRetention() {
            return this.retiredRetention;
        }

        public void setRetiredRetention(Duration retiredRetention) {
            this.retiredRetention = retiredRetention;
        }

        public Duration getReloadInterval() {
            return this.reloadInterval;
        }

        public void setReloadInterval(Duration reloadInterval) {
            this.reloadInterval = reloadInterval;
        }
    }

    /**
     * Password sign-in throttling, shared by the login page, the legacy password grant and the
     * account page's current password: per account, exponential back-off after each failure
     * (1 s, 2 s, 4 s ... at most {@code max-backoff}); per client address, at most
     * {@code address-max-failures} failures per {@code address-window}. Passkeys are not throttled.
     */
    public static class Login {

        /** Longest back-off of one account after failed password attempts. */
        private Duration maxBackoff = Duration.ofSeconds(60);

        /** Failed password attempts one client address may make per window. */
        private int addressMaxFailures = 100;

        /** The window of {@code address-max-failures}. */
        private Duration addressWindow = Duration.ofMinutes(10);

        public Duration getMaxBackoff() {
            return this.maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public int getAddressMaxFailures() {
            return this.addressMaxFailures;
        }

        public void setAddressMaxFailures(int addressMaxFailures) {
            this.addressMaxFailures = addressMaxFailures;
        }

        public Duration getAddressWindow() {
            return this.addressWindow;
        }

        public void setAddressWindow(Duration addressWindow) {
            this.addressWindow = addressWindow;
        }
    }

    /** Limits on requests, checked before any endpoint sees them. */
    public static class Http {

        /** Largest request body accepted (413 beyond); the container's own form limit applies too. */
        private DataSize maxBodySize = DataSize.ofMegabytes(1);

        public DataSize getMaxBodySize() {
            return this.maxBodySize;
        }

        public void setMaxBodySize(DataSize maxBodySize) {
            this.maxBodySize = maxBodySize;
        }
    }
}
