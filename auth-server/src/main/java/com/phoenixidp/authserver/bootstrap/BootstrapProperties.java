package com.phoenixidp.authserver.bootstrap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Declarative bootstrap ({@code phoenix.bootstrap.users} / {@code phoenix.bootstrap.clients}),
 * applied idempotently on every start: entries are created or updated to match, nothing else is
 * touched. Field names follow the README ("Declarative bootstrap").
 */
@ConfigurationProperties("phoenix.bootstrap")
public class BootstrapProperties {

    private List<UserEntry> users = new ArrayList<>();

    private List<ClientEntry> clients = new ArrayList<>();

    public List<UserEntry> getUsers() {
        return this.users;
    }

    public void setUsers(List<UserEntry> users) {
        this.users = users;
    }

    public List<ClientEntry> getClients() {
        return this.clients;
    }

    public void setClients(List<ClientEntry> clients) {
        this.clients = clients;
    }

    /** One user. {@code password} is hashed before it is stored; it is never logged. */
    public static class UserEntry {

        private String username;

        private String password;

        private String email;

        private boolean emailVerified = true;

        private String displayName;

        private List<String> roles = new ArrayList<>(List.of("user"));

        private boolean enabled = true;

        private String mfa;

        public String getUsername() {
            return this.username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return this.password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getEmail() {
            return this.email;
        }

        public void setEmail(String email) {
            this.email = email;
        }

        public boolean isEmailVerified() {
            return this.emailVerified;
        }

        public void setEmailVerified(boolean emailVerified) {
            this.emailVerified = emailVerified;
        }

        public String getDisplayName() {
            return this.displayName;
        }

        public void setDisplayName(String displayName) {
            this.displayName = displayName;
        }

        public List<String> getRoles() {
            return this.roles;
        }

        public void setRoles(List<String> roles) {
            this.roles = roles;
        }

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getMfa() {
            return this.mfa;
        }

        public void setMfa(String mfa) {
            this.mfa = mfa;
        }

        @Override
        public String toString() {
            return "UserEntry[username=" + this.username + "]";
        }
    }

    /** One OAuth client. {@code clientSecret} is hashed before it is stored; never logged. */
    public static class ClientEntry {

        private String clientId;

        private String clientSecret;

        private String clientName;

        private List<String> grantTypes = new ArrayList<>();

        private List<String> authMethods = new ArrayList<>();

        private List<String> redirectUris = new ArrayList<>();

        private List<String> postLogoutRedirectUris = new ArrayList<>();

        private List<String> scopes = new ArrayList<>();

        private boolean requireConsent = true;

        private boolean requirePkce = true;

        private String jwkSetUri;

        private Duration accessTokenTtl;

        private Duration refreshTokenTtl;

        /** Lifetime of device codes (RFC 8628 {@code expires_in}); 5 minutes if unset. */
        private Duration deviceCodeTtl;

        private String tlsSubjectDn;

        private String tlsSanDns;

        private String tlsSanUri;

        private boolean certificateBoundTokens;

        public Duration getDeviceCodeTtl() {
            return this.deviceCodeTtl;
        }

        public void setDeviceCodeTtl(Duration deviceCodeTtl) {
            this.deviceCodeTtl = deviceCodeTtl;
        }

        public String getTlsSubjectDn() {
            return this.tlsSubjectDn;
        }

        public void setTlsSubjectDn(String tlsSubjectDn) {
            this.tlsSubjectDn = tlsSubjectDn;
        }

        public String getTlsSanDns() {
            return this.tlsSanDns;
        }

        public void setTlsSanDns(String tlsSanDns) {
            this.tlsSanDns = tlsSanDns;
        }

        public String getTlsSanUri() {
            return this.tlsSanUri;
        }

        public void setTlsSanUri(String tlsSanUri) {
            this.tlsSanUri = tlsSanUri;
        }

        public boolean isCertificateBoundTokens() {
            return this.certificateBoundTokens;
        }

        public void setCertificateBoundTokens(boolean certificateBoundTokens) {
            this.certificateBoundTokens = certificateBoundTokens;
        }

        public String getClientId() {
            return this.clientId;
        }

        public void setClientId(String clientId) {
            this.clientId = clientId;
        }

        public String getClientSecret() {
            return this.clientSecret;
        }

        public void setClientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
        }

        public String getClientName() {
            return this.clientName;
        }

        public void setClientName(String clientName) {
            this.clientName = clientName;
        }

        public List<String> getGrantTypes() {
            return this.grantTypes;
        }

        public void setGrantTypes(List<String> grantTypes) {
            this.grantTypes = grantTypes;
        }

        public List<String> getAuthMethods() {
            return this.authMethods;
        }

        public void setAuthMethods(List<String> authMethods) {
            this.authMethods = authMethods;
        }

        public List<String> getRedirectUris() {
            return this.redirectUris;
        }

        public void setRedirectUris(List<String> redirectUris) {
            this.redirectUris = redirectUris;
        }

        public List<String> getPostLogoutRedirectUris() {
            return this.postLogoutRedirectUris;
        }

        public void setPostLogoutRedirectUris(List<String> postLogoutRedirectUris) {
            this.postLogoutRedirectUris = postLogoutRedirectUris;
        }

        public List<String> getScopes() {
            return this.scopes;
        }

        public void setScopes(List<String> scopes) {
            this.scopes = scopes;
        }

        public boolean isRequireConsent() {
            return this.requireConsent;
        }

        public void setRequireConsent(boolean requireConsent) {
            this.requireConsent = requireConsent;
        }

        public boolean isRequirePkce() {
            return this.requirePkce;
        }

        public void setRequirePkce(boolean requirePkce) {
            this.requirePkce = requirePkce;
        }

        public String getJwkSetUri() {
            return this.jwkSetUri;
        }

        public void setJwkSetUri(String jwkSetUri) {
            this.jwkSetUri = jwkSetUri;
        }

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

        @Override
        public String toString() {
            return "ClientEntry[clientId=" + this.clientId + "]";
        }
    }
}
