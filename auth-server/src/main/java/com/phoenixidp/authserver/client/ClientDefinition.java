package com.phoenixidp.authserver.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an operator (bootstrap YAML, admin API) or a registering client (RFC 7591) says an OAuth
 * client is: RFC 6749 section 2 registration data with RFC 7591 / RFC 8705 / OIDC metadata, named
 * as in the bootstrap YAML ({@code client-id}, {@code grant-types}, ...). The secret, when set, is
 * hashed before it is stored and is never logged or returned; {@code null} TTLs mean the server's
 * defaults. Validated by {@link ClientValidator}, applied by {@link ClientService}.
 */
public class ClientDefinition {

    private @Nullable String clientId;

    /** A disabled client cannot authenticate nor ask for authorization; disabling revokes its tokens. */
    private boolean enabled = true;

    private @Nullable String clientSecret;

    private @Nullable String clientName;

    private List<String> grantTypes = new ArrayList<>();

    private List<String> authMethods = new ArrayList<>();

    private List<String> redirectUris = new ArrayList<>();

    private List<String> postLogoutRedirectUris = new ArrayList<>();

    private List<String> scopes = new ArrayList<>();

    private boolean requireConsent = true;

    private boolean requirePkce = true;

    private @Nullable String jwkSetUri;

    /** An inline JWK set (RFC 7517 JSON, public keys only) for private_key_jwt, instead of jwk-set-uri. */
    private @Nullable String jwks;

    private @Nullable Duration accessTokenTtl;

    private @Nullable Duration refreshTokenTtl;

    /** Lifetime of device codes (RFC 8628 {@code expires_in}); 5 minutes if unset. */
    private @Nullable Duration deviceCodeTtl;

    private @Nullable String tlsSubjectDn;

    private @Nullable String tlsSanDns;

    private @Nullable String tlsSanUri;

    private boolean certificateBoundTokens;

    /** OpenID Connect Back-Channel Logout 1.0: where logout tokens are sent. */
    private @Nullable String backchannelLogoutUri;

    /** RFC 8707 resource indicators the client may ask tokens for (their {@code aud}). */
    private List<String> resourceUris = new ArrayList<>();

    /** JWS algorithm of access tokens: RS256 (when unset), ES256 or EdDSA. */
    private @Nullable String accessTokenSignatureAlgorithm;

    /** JWS algorithm of ID tokens: RS256 (when unset), ES256 or EdDSA. */
    private @Nullable String idTokenSignatureAlgorithm;

    /** RFC 9449: token requests without a DPoP proof are refused ({@code invalid_dpop_proof}). */
    private boolean requireDpop;

    /** RFC 9126 section 6: authorization requests only through the pushed authorization request endpoint. */
    private boolean requirePushedAuthorizationRequests;

    public @Nullable String getClientId() {
        return this.clientId;
    }

    public void setClientId(@Nullable String clientId) {
        this.clientId = clientId;
    }

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable String getClientSecret() {
        return this.clientSecret;
    }

    public void setClientSecret(@Nullable String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public @Nullable String getClientName() {
        return this.clientName;
    }

    public void setClientName(@Nullable String clientName) {
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

    public @Nullable String getJwkSetUri() {
        return this.jwkSetUri;
    }

    public void setJwkSetUri(@Nullable String jwkSetUri) {
        this.jwkSetUri = jwkSetUri;
    }

    public @Nullable String getJwks() {
        return this.jwks;
    }

    public void setJwks(@Nullable String jwks) {
        this.jwks = jwks;
    }

    public @Nullable Duration getAccessTokenTtl() {
        return this.accessTokenTtl;
    }

    public void setAccessTokenTtl(@Nullable Duration accessTokenTtl) {
        this.accessTokenTtl = accessTokenTtl;
    }

    public @Nullable Duration getRefreshTokenTtl() {
        return this.refreshTokenTtl;
    }

    public void setRefreshTokenTtl(@Nullable Duration refreshTokenTtl) {
        this.refreshTokenTtl = refreshTokenTtl;
    }

    public @Nullable Duration getDeviceCodeTtl() {
        return this.deviceCodeTtl;
    }

    public void setDeviceCodeTtl(@Nullable Duration deviceCodeTtl) {
        this.deviceCodeTtl = deviceCodeTtl;
    }

    public @Nullable String getTlsSubjectDn() {
        return this.tlsSubjectDn;
    }

    public void setTlsSubjectDn(@Nullable String tlsSubjectDn) {
        this.tlsSubjectDn = tlsSubjectDn;
    }

    public @Nullable String getTlsSanDns() {
        return this.tlsSanDns;
    }

    public void setTlsSanDns(@Nullable String tlsSanDns) {
        this.tlsSanDns = tlsSanDns;
    }

    public @Nullable String getTlsSanUri() {
        return this.tlsSanUri;
    }

    public void setTlsSanUri(@Nullable String tlsSanUri) {
        this.tlsSanUri = tlsSanUri;
    }

    public boolean isCertificateBoundTokens() {
        return this.certificateBoundTokens;
    }

    public void setCertificateBoundTokens(boolean certificateBoundTokens) {
        this.certificateBoundTokens = certificateBoundTokens;
    }

    public @Nullable String getBackchannelLogoutUri() {
        return this.backchannelLogoutUri;
    }

    public void setBackchannelLogoutUri(@Nullable String backchannelLogoutUri) {
        this.backchannelLogoutUri = backchannelLogoutUri;
    }

    public List<String> getResourceUris() {
        return this.resourceUris;
    }

    public void setResourceUris(List<String> resourceUris) {
        this.resourceUris = resourceUris;
    }

    public @Nullable String getAccessTokenSignatureAlgorithm() {
        return this.accessTokenSignatureAlgorithm;
    }

    public void setAccessTokenSignatureAlgorithm(@Nullable String accessTokenSignatureAlgorithm) {
        this.accessTokenSignatureAlgorithm = accessTokenSignatureAlgorithm;
    }

    public @Nullable String getIdTokenSignatureAlgorithm() {
        return this.idTokenSignatureAlgorithm;
    }

    public void setIdTokenSignatureAlgorithm(@Nullable String idTokenSignatureAlgorithm) {
        this.idTokenSignatureAlgorithm = idTokenSignatureAlgorithm;
    }

    public boolean isRequireDpop() {
        return this.requireDpop;
    }

    public void setRequireDpop(boolean requireDpop) {
        this.requireDpop = requireDpop;
    }

    public boolean isRequirePushedAuthorizationRequests() {
        return this.requirePushedAuthorizationRequests;
    }

    public void setRequirePushedAuthorizationRequests(boolean requirePushedAuthorizationRequests) {
        this.requirePushedAuthorizationRequests = requirePushedAuthorizationRequests;
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "ClientDefinition[clientId=" + this.clientId + "]";
    }
}
