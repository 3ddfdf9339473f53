package com.phoenixidp.authserver.bootstrap;

import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.bootstrap.BootstrapProperties.ClientEntry;
import com.phoenixidp.authserver.client.ClientCertificateVerifier;
import com.phoenixidp.authserver.config.PhoenixProperties;
import com.phoenixidp.authserver.grant.LegacyGrantTypes;
import com.phoenixidp.crypto.secret.ClientSecretHasher;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Validates one bootstrap client entry and creates or updates the registered client to match
 * (RFC 6749 section 2, OAuth 2.1 redirect URI rules, RFC 7591 metadata names).
 */
final class ClientBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(ClientBootstrap.class);

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{1,100}");

    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}");

    static final Map<String, AuthorizationGrantType> GRANT_TYPES = Map.of(
            "authorization_code",
            AuthorizationGrantType.AUTHORIZATION_CODE,
            "client_credentials",
            AuthorizationGrantType.CLIENT_CREDENTIALS,
            "refresh_token",
            AuthorizationGrantType.REFRESH_TOKEN,
            AuthorizationGrantType.DEVICE_CODE.getValue(),
            AuthorizationGrantType.DEVICE_CODE,
            AuthorizationGrantType.TOKEN_EXCHANGE.getValue(),
            AuthorizationGrantType.TOKEN_EXCHANGE,
            "password",
            LegacyGrantTypes.PASSWORD,
            "implicit",
            LegacyGrantTypes.IMPLICIT);

    /** Grants whose token requests need an authenticated (confidential) client. */
    private static final List<String> CONFIDENTIAL_GRANTS =
            List.of("client_credentials", "password", AuthorizationGrantType.TOKEN_EXCHANGE.getValue());

    static final Map<String, ClientAuthenticationMethod> AUTH_METHODS = Map.of(
            "client_secret_basic",
            ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
            "client_secret_post",
            ClientAuthenticationMethod.CLIENT_SECRET_POST,
            "private_key_jwt",
            ClientAuthenticationMethod.PRIVATE_KEY_JWT,
            "none",
            ClientAuthenticationMethod.NONE,
            "tls_client_auth",
            ClientAuthenticationMethod.TLS_CLIENT_AUTH,
            "self_signed_tls_client_auth",
            ClientAuthenticationMethod.SELF_SIGNED_TLS_CLIENT_AUTH);

    private final RegisteredClientRepository clients;

    private final ClientSecretHasher secretHasher;

    private final SecretFiles secretFiles;

    private final PhoenixProperties properties;

    private final SecureRandom random;

    private final AuditLog audit;

    ClientBootstrap(
            RegisteredClientRepository clients,
            ClientSecretHasher secretHasher,
            SecretFiles secretFiles,
            PhoenixProperties properties,
            SecureRandom random,
            AuditLog audit) {
        this.clients = clients;
        this.secretHasher = secretHasher;
        this.secretFiles = secretFiles;
        this.properties = properties;
        this.random = random;
        this.audit = audit;
    }

    /** Checks an entry without touching storage; throws {@link BootstrapException}. */
    void validate(String where, ClientEntry entry) {
        if (entry.getClientId() == null
                || !CLIENT_ID.matcher(entry.getClientId()).matches()) {
            throw new BootstrapException(where + ": client-id: required, 1-100 characters of A-Z a-z 0-9 . _ ~ -");
        }
        String at = where + " (client-id '" + entry.getClientId() + "')";
        if (entry.getGrantTypes().isEmpty()) {
            throw new BootstrapException(
                    at + ": grant-types: at least one of " + GRANT_TYPES.keySet() + " is required");
        }
        for (String grant : entry.getGrantTypes()) {
            if (!GRANT_TYPES.containsKey(grant)) {
                throw new BootstrapException(at + ": grant-types: unsupported grant type '" + grant + "' (supported: "
                        + GRANT_TYPES.keySet() + ")");
            }
        }
        for (String method : entry.getAuthMethods()) {
            if (!AUTH_METHODS.containsKey(method)) {
                throw new BootstrapException(at + ": auth-methods: unsupported client authentication method '" + method
                        + "' (supported: " + AUTH_METHODS.keySet() + ")");
            }
        }
        Set<String> methods = authMethodsOf(entry);
        boolean isPublic = methods.contains("none");
        if (isPublic && methods.size() > 1) {
            throw new BootstrapException(
                    at + ": auth-methods: 'none' (public client) cannot be combined with other methods");
        }
        if (isPublic && entry.getClientSecret() != null) {
            throw new BootstrapException(at + ": client-secret: a public client (auth-methods: [none]) has no secret");
        }
        for (String grant : CONFIDENTIAL_GRANTS) {
            if (isPublic && entry.getGrantTypes().contains(grant)) {
                throw new BootstrapException(
                        at + ": grant-types: " + grant + " needs an authenticated (confidential) client");
            }
        }
        if (entry.getClientSecret() != null && entry.getClientSecret().length() < ClientSecretHasher.MIN_SECRET_CHARS) {
            throw new BootstrapException(at + ": client-secret: must be at least " + ClientSecretHasher.MIN_SECRET_CHARS
                    + " characters (omit it to have a 256-bit secret generated)");
        }
        if (methods.contains("private_key_jwt")) {
            if (entry.getJwkSetUri() == null) {
                throw new BootstrapException(at + ": jwk-set-uri: required for auth-methods private_key_jwt");
            }
            checkAbsoluteUri(at + ": jwk-set-uri", entry.getJwkSetUri(), false);
        }
        if (methods.contains("tls_client_auth")) {
            int identities = ((entry.getTlsSubjectDn() != null) ? 1 : 0)
                    + ((entry.getTlsSanDns() != null) ? 1 : 0)
                    + ((entry.getTlsSanUri() != null) ? 1 : 0);
            if (identities != 1) {
                throw new BootstrapException(
                        at + ": tls-subject-dn / tls-san-dns / tls-san-uri: exactly one is required"
                                + " for auth-methods tls_client_auth (RFC 8705 2.1.2)");
            }
            if (entry.getTlsSubjectDn() != null) {
                try {
                    new javax.security.auth.x500.X500Principal(entry.getTlsSubjectDn());
                } catch (IllegalArgumentException ex) {
                    throw new BootstrapException(at + ": tls-subject-dn: '" + entry.getTlsSubjectDn()
                            + "' is not an RFC 4514 distinguished name");
                }
            }
        }
        if (methods.contains("self_signed_tls_client_auth") && entry.getJwkSetUri() == null) {
            throw new BootstrapException(at + ": jwk-set-uri: required for auth-methods self_signed_tls_client_auth");
        }
        boolean mtls = methods.contains("tls_client_auth") || methods.contains("self_signed_tls_client_auth");
        if (entry.isCertificateBoundTokens() && !mtls) {
            throw new BootstrapException(at + ": certificate-bound-tokens: needs auth-methods tls_client_auth or"
                    + " self_signed_tls_client_auth (RFC 8705 3)");
        }
        for (String redirectGrant : List.of("authorization_code", "implicit")) {
            if (entry.getGrantTypes().contains(redirectGrant)
                    && entry.getRedirectUris().isEmpty()) {
                throw new BootstrapException(at + ": redirect-uris: at least one is required for " + redirectGrant);
            }
        }
        for (String uri : entry.getRedirectUris()) {
            checkAbsoluteUri(at + ": redirect-uris", uri, true);
        }
        for (String uri : entry.getPostLogoutRedirectUris()) {
            checkAbsoluteUri(at + ": post-logout-redirect-uris", uri, true);
        }
        for (String scope : entry.getScopes()) {
            if (scope == null || !SCOPE.matcher(scope).matches()) {
                throw new BootstrapException(
                        at + ": scopes: '" + scope + "' is not a valid scope token (RFC 6749 3.3)");
            }
        }
        checkPositive(at + ": access-token-ttl", entry.getAccessTokenTtl());
        checkPositive(at + ": refresh-token-ttl", entry.getRefreshTokenTtl());
        checkPositive(at + ": device-code-ttl", entry.getDeviceCodeTtl());
    }

    /** Creates or updates the client; returns the path of a newly generated secret, if any. */
    java.util.Optional<java.nio.file.Path> apply(ClientEntry entry) {
        RegisteredClient existing = this.clients.findByClientId(entry.getClientId());
        Set<String> methods = authMethodsOf(entry);
        boolean usesSecret = methods.contains("client_secret_basic") || methods.contains("client_secret_post");
        String secretHash = null;
        java.nio.file.Path generated = null;
        if (usesSecret) {
            if (entry.getClientSecret() != null) {
                secretHash = (existing != null
                                && existing.getClientSecret() != null
                                && this.secretHasher.matches(entry.getClientSecret(), existing.getClientSecret()))
                        ? existing.getClientSecret()
                        : this.secretHasher.hash(entry.getClientSecret());
            } else if (existing != null && existing.getClientSecret() != null) {
                secretHash = existing.getClientSecret();
            } else {
                String secret = ClientSecretHasher.generateSecret(this.random);
                generated = this.secretFiles.write(entry.getClientId() + ".secret", secret);
                secretHash = this.secretHasher.hash(secret);
            }
        }
        RegisteredClient.Builder builder = (existing != null)
                ? RegisteredClient.from(existing)
                : RegisteredClient.withId(UUID.randomUUID().toString());
        Duration accessTtl = (entry.getAccessTokenTtl() != null)
                ? entry.getAccessTokenTtl()
                : this.properties.getTokens().getAccessTokenTtl();
        Duration refreshTtl = (entry.getRefreshTokenTtl() != null)
                ? entry.getRefreshTokenTtl()
                : this.properties.getTokens().getRefreshTokenTtl();
        ClientSettings.Builder clientSettings = ClientSettings.builder()
                .requireProofKey(entry.isRequirePkce() || methods.contains("none"))
                .requireAuthorizationConsent(entry.isRequireConsent());
        if (entry.getJwkSetUri() != null) {
            clientSettings
                    .jwkSetUrl(entry.getJwkSetUri())
                    .tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS256);
        }
        if (entry.getTlsSubjectDn() != null) {
            clientSettings.x509CertificateSubjectDN(entry.getTlsSubjectDn());
        }
        if (entry.getTlsSanDns() != null) {
            clientSettings.setting(ClientCertificateVerifier.TLS_SAN_DNS, entry.getTlsSanDns());
        }
        if (entry.getTlsSanUri() != null) {
            clientSettings.setting(ClientCertificateVerifier.TLS_SAN_URI, entry.getTlsSanUri());
        }
        RegisteredClient client = builder.clientId(entry.getClientId())
                .clientName((entry.getClientName() != null) ? entry.getClientName() : entry.getClientId())
                .clientSecret(secretHash)
                .clientAuthenticationMethods((set) -> {
                    set.clear();
                    methods.forEach((m) -> set.add(AUTH_METHODS.get(m)));
                })
                .authorizationGrantTypes((set) -> {
                    set.clear();
                    entry.getGrantTypes().forEach((g) -> set.add(GRANT_TYPES.get(g)));
                })
                .redirectUris((set) -> {
                    set.clear();
                    set.addAll(entry.getRedirectUris());
                })
                .postLogoutRedirectUris((set) -> {
                    set.clear();
                    set.addAll(entry.getPostLogoutRedirectUris());
                })
                .scopes((set) -> {
                    set.clear();
                    set.addAll(entry.getScopes());
                })
                .clientSettings(clientSettings.build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .accessTokenTimeToLive(accessTtl)
                        .refreshTokenTimeToLive(refreshTtl)
                        .reuseRefreshTokens(false)
                        .authorizationCodeTimeToLive(this.properties.getTokens().getAuthorizationCodeTtl())
                        .deviceCodeTimeToLive(
                                (entry.getDeviceCodeTtl() != null) ? entry.getDeviceCodeTtl() : Duration.ofMinutes(5))
                        .idTokenSignatureAlgorithm(SignatureAlgorithm.RS256)
                        .x509CertificateBoundAccessTokens(entry.isCertificateBoundTokens())
                        .build())
                .build();
        this.clients.save(client);
        this.audit.event(
                (existing != null) ? "client.updated" : "client.created",
                "client_id",
                entry.getClientId(),
                "source",
                "bootstrap");
        if (generated != null) {
            LOG.info("Generated a secret for client '{}': see {}", entry.getClientId(), generated.toAbsolutePath());
        }
        return java.util.Optional.ofNullable(generated);
    }

    private static Set<String> authMethodsOf(ClientEntry entry) {
        if (!entry.getAuthMethods().isEmpty()) {
            return new LinkedHashSet<>(entry.getAuthMethods());
        }
        boolean confidentialGrant = entry.getGrantTypes().stream().anyMatch(CONFIDENTIAL_GRANTS::contains);
        return (entry.getClientSecret() != null || confidentialGrant)
                ? new LinkedHashSet<>(List.of("client_secret_basic"))
                : new LinkedHashSet<>(List.of("none"));
    }

    private static void checkAbsoluteUri(String where, String value, boolean redirect) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException | NullPointerException ex) {
            throw new BootstrapException(where + ": '" + value + "' is not a valid URI");
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new BootstrapException(where + ": '" + value + "' must be an absolute http(s) URI");
        }
        if (uri.getFragment() != null) {
            throw new BootstrapException(where + ": '" + value + "' must not contain a fragment (RFC 6749 3.1.2)");
        }
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean loopback =
                "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost()) || "[::1]".equals(uri.getHost());
        if (!"https".equals(scheme) && !("http".equals(scheme) && loopback)) {
            throw new BootstrapException(where + ": '" + value + "' must use https (http only for localhost)");
        }
    }

    private static void checkPositive(String where, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new BootstrapException(where + ": must be a positive duration");
        }
    }
}
