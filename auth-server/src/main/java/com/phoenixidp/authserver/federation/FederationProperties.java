package com.phoenixidp.authserver.federation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Identity brokering: upstream OpenID Connect providers under
 * {@code phoenix.federation.providers.<alias>.*} (README "Federation"). The alias names the
 * provider in the redirect URI to register upstream ({@code {issuer}/login/oauth2/code/{alias}}),
 * on the sign-in page's button ({@code id="idp-<alias>"}) and as the source of the users it creates.
 */
@ConfigurationProperties("phoenix.federation")
public class FederationProperties {

    private Map<String, Provider> providers = new LinkedHashMap<>();

    /** Connect timeout of every call to an upstream provider (discovery, token, JWK set, user info). */
    private Duration connectTimeout = Duration.ofSeconds(5);

    /** Read timeout of those calls. */
    private Duration readTimeout = Duration.ofSeconds(10);

    public Map<String, Provider> getProviders() {
        return this.providers;
    }

    public void setProviders(Map<String, Provider> providers) {
        this.providers = providers;
    }

    public Duration getConnectTimeout() {
        return this.connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getReadTimeout() {
        return this.readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    /** How a first sign-in through a provider finds its local user. */
    public enum LinkBy {
        /** Only the (provider, sub) link: a first sign-in creates a new local user. */
        SUBJECT,
        /** Also an existing local user with the same e-mail, when the provider says {@code email_verified: true}. */
        VERIFIED_EMAIL
    }

    /** One upstream provider. */
    public static class Provider {

        /** Its issuer; discovery at {@code <issuer-uri>/.well-known/openid-configuration} (OIDC Discovery 1.0). */
        private @Nullable String issuerUri;

        private @Nullable String clientId;

        /** The client secret (client_secret_basic / client_secret_post); or use {@code client-secret-file}. */
        private @Nullable String clientSecret;

        /** File holding the client secret (a trailing newline is ignored). */
        private @Nullable Path clientSecretFile;

        /** client_secret_basic (default), client_secret_post or private_key_jwt (RFC 7523). */
        private String clientAuthentication = "client_secret_basic";

        /** private_key_jwt: PKCS#8 PEM file of the RSA or EC key that signs the client assertions. */
        private @Nullable Path privateKeyFile;

        /** private_key_jwt: the key id to put in the assertions' header (as registered upstream). */
        private @Nullable String keyId;

        private List<String> scopes = new ArrayList<>(List.of("openid", "profile", "email"));

        /** The button's label: "Sign in with ..."; default: the alias. */
        private @Nullable String displayName;

        /** Claim that names a new local user; falls back to the e-mail, then to alias and a hash of sub. */
        private String usernameClaim = "preferred_username";

        private String emailClaim = "email";

        /** Claim (a string or a list of strings) whose values become roles; empty: none from this provider. */
        private @Nullable String rolesClaim;

        /** Upstream role value to Phoenix role; an empty value drops it; unlisted values keep their name. */
        private Map<String, String> roleMapping = new LinkedHashMap<>();

        private LinkBy linkBy = LinkBy.SUBJECT;

        public @Nullable String getIssuerUri() {
            return this.issuerUri;
        }

        public void setIssuerUri(@Nullable String issuerUri) {
            this.issuerUri = issuerUri;
        }

        public @Nullable String getClientId() {
            return this.clientId;
        }

        public void setClientId(@Nullable String clientId) {
            this.clientId = clientId;
        }

        public @Nullable String getClientSecret() {
            return this.clientSecret;
        }

        public void setClientSecret(@Nullable String clientSecret) {
            this.clientSecret = clientSecret;
        }

        public @Nullable Path getClientSecretFile() {
            return this.clientSecretFile;
        }

        public void setClientSecretFile(@Nullable Path clientSecretFile) {
            this.clientSecretFile = clientSecretFile;
        }

        public String getClientAuthentication() {
            return this.clientAuthentication;
        }

        public void setClientAuthentication(String clientAuthentication) {
            this.clientAuthentication = clientAuthentication;
        }

        public @Nullable Path getPrivateKeyFile() {
            return this.privateKeyFile;
        }

        public void setPrivateKeyFile(@Nullable Path privateKeyFile) {
            this.privateKeyFile = privateKeyFile;
        }

        public @Nullable String getKeyId() {
            return this.keyId;
        }

        public void setKeyId(@Nullable String keyId) {
            this.keyId = keyId;
        }

        public List<String> getScopes() {
            return this.scopes;
        }

        public void setScopes(List<String> scopes) {
            this.scopes = scopes;
        }

        public @Nullable String getDisplayName() {
            return this.displayName;
        }

        public void setDisplayName(@Nullable String displayName) {
            this.displayName = displayName;
        }

        public String getUsernameClaim() {
            return this.usernameClaim;
        }

        public void setUsernameClaim(String usernameClaim) {
            this.usernameClaim = usernameClaim;
        }

        public String getEmailClaim() {
            return this.emailClaim;
        }

        public void setEmailClaim(String emailClaim) {
            this.emailClaim = emailClaim;
        }

        public @Nullable String getRolesClaim() {
            return this.rolesClaim;
        }

        public void setRolesClaim(@Nullable String rolesClaim) {
            this.rolesClaim = rolesClaim;
        }

        public Map<String, String> getRoleMapping() {
            return this.roleMapping;
        }

        public void setRoleMapping(Map<String, String> roleMapping) {
            this.roleMapping = roleMapping;
        }

        public LinkBy getLinkBy() {
            return this.linkBy;
        }

        public void setLinkBy(LinkBy linkBy) {
            this.linkBy = linkBy;
        }
    }
}
