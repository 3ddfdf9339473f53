package com.phoenixidp.authserver.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

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
    private Path masterKeyFile;

    /** This node's name in logs and cluster locks; default: host name and process id. */
    private String nodeName;

    private final Demo demo = new Demo();

    private final Password password = new Password();

    private final Tokens tokens = new Tokens();

    private final Keys keys = new Keys();

    private final Login login = new Login();

    public String getIssuer() {
        return this.issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public Path getDataDir() {
        return this.dataDir;
    }

    public void setDataDir(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Path getMasterKeyFile() {
        return this.masterKeyFile;
    }

    public void setMasterKeyFile(Path masterKeyFile) {
        this.masterKeyFile = masterKeyFile;
    }

    public String getNodeName() {
        return this.nodeName;
    }

    public void setNodeName(String nodeName) {
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

    /** Failed-login throttling, shared by the login page and the legacy password grant. */
    public static class Login {

        private int maxFailures = 5;

        private Duration lockDuration = Duration.ofMinutes(5);

        public int getMaxFailures() {
            return this.maxFailures;
        }

        public void setMaxFailures(int maxFailures) {
            this.maxFailures = maxFailures;
        }

        public Duration getLockDuration() {
            return this.lockDuration;
        }

        public void setLockDuration(Duration lockDuration) {
            this.lockDuration = lockDuration;
        }
    }
}
