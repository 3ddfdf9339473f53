package com.phoenixidp.authserver.federation;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;

/**
 * The configured upstream providers as Spring Security client registrations. Discovery is lazy:
 * a provider's metadata is fetched the first time someone signs in through it and kept for the
 * life of the process, so an upstream that is down does not stop Phoenix from starting (its
 * button answers "unavailable" until it is back). The configuration itself is checked at start-up.
 */
public final class UpstreamProviders implements ClientRegistrationRepository {

    /** Where the authorization response comes back (Spring Security's default redirect base). */
    public static final String REDIRECT_PATH = "/login/oauth2/code/";

    /** Where the sign-in buttons point (Spring Security's authorization request base). */
    public static final String START_PATH = "/oauth2/authorization/";

    private static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private static final Set<String> RESERVED = Set.of("local", "ldap");

    /** A sign-in option for the login page. */
    public record Option(String alias, String displayName) {

        public String href() {
            return START_PATH + this.alias;
        }
    }

    private final Map<String, FederationProperties.Provider> providers;

    private final Map<String, String> secrets = new LinkedHashMap<>();

    private final String issuer;

    private final UpstreamDiscovery discovery;

    private final Map<String, ClientRegistration> resolved = new ConcurrentHashMap<>();

    public UpstreamProviders(FederationProperties properties, String issuer) {
        this.providers = new LinkedHashMap<>(properties.getProviders());
        this.issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        this.discovery = new UpstreamDiscovery(properties.getConnectTimeout(), properties.getReadTimeout());
        this.providers.forEach(this::check);
    }

    public boolean isEmpty() {
        return this.providers.isEmpty();
    }

    public List<Option> options() {
        List<Option> options = new ArrayList<>();
        this.providers.forEach((alias, provider) -> options.add(new Option(
                alias,
                (provider.getDisplayName() != null && !provider.getDisplayName().isBlank())
                        ? provider.getDisplayName()
                        : alias)));
        return options;
    }

    public FederationProperties.@Nullable Provider provider(String alias) {
        return this.providers.get(alias);
    }

    /** The redirect URI to register at the provider: {@code {issuer}/login/oauth2/code/{alias}}. */
    public String redirectUri(String alias) {
        return this.issuer + REDIRECT_PATH + alias;
    }

    /** The registration, discovered on first use; null for an unknown alias. */
    @Override
    public @Nullable ClientRegistration findByRegistrationId(String alias) {
        FederationProperties.Provider provider = (alias != null) ? this.providers.get(alias) : null;
        if (provider == null) {
            return null;
        }
        ClientRegistration registration = this.resolved.get(alias);
        if (registration == null) {
            registration = register(alias, provider);
            this.resolved.putIfAbsent(alias, registration);
        }
        return registration;
    }

    private ClientRegistration register(String alias, FederationProperties.Provider provider) {
        Map<String, Object> metadata = this.discovery.discover(
                require("phoenix.federation.providers." + alias + ".issuer-uri", provider.getIssuerUri()));
        ClientRegistration.Builder builder = ClientRegistration.withRegistrationId(alias)
                .clientId(provider.getClientId())
                .clientAuthenticationMethod(new ClientAuthenticationMethod(provider.getClientAuthentication()))
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(redirectUri(alias))
                .scope(provider.getScopes())
                .authorizationUri((String) metadata.get("authorization_endpoint"))
                .tokenUri((String) metadata.get("token_endpoint"))
                .jwkSetUri((String) metadata.get("jwks_uri"))
                .issuerUri(provider.getIssuerUri())
                .userNameAttributeName(IdTokenClaimNames.SUB)
                .providerConfigurationMetadata(metadata)
                .clientName(options().stream()
                        .filter((o) -> o.alias().equals(alias))
                        .findFirst()
                        .map(Option::displayName)
                        .orElse(alias));
        if (metadata.get("userinfo_endpoint") instanceof String userInfo) {
            builder.userInfoUri(userInfo);
        }
        String secret = this.secrets.get(alias);
        if (secret != null) {
            builder.clientSecret(secret);
        }
        return builder.build();
    }

    /** Start-up checks: a clear message naming the property, instead of a failure at the first sign-in. */
    private void check(String alias, FederationProperties.Provider provider) {
        String prefix = "phoenix.federation.providers." + alias + ".";
        if (!ALIAS.matcher(alias).matches() || RESERVED.contains(alias)) {
            throw new IllegalStateException("phoenix.federation.providers: the alias '" + alias + "' must be 1-64"
                    + " characters of a-z 0-9 _ - (starting with a letter or digit) and not 'local' or 'ldap'");
        }
        require(prefix + "issuer-uri", provider.getIssuerUri());
        require(prefix + "client-id", provider.getClientId());
        if (provider.getScopes() == null || !provider.getScopes().contains("openid")) {
            throw new IllegalStateException(prefix + "scopes must contain openid");
        }
        switch (provider.getClientAuthentication()) {
            case "client_secret_basic", "client_secret_post" -> this.secrets.put(alias, secretOf(prefix, provider));
            case "private_key_jwt" -> {
                if (provider.getPrivateKeyFile() == null || !Files.isReadable(provider.getPrivateKeyFile())) {
                    throw new IllegalStateException(
                            prefix + "private-key-file must name a readable PEM file for private_key_jwt");
                }
            }
            default ->
                throw new IllegalStateException(prefix + "client-authentication must be client_secret_basic,"
                        + " client_secret_post or private_key_jwt");
        }
    }

    private static String secretOf(String prefix, FederationProperties.Provider provider) {
        if (provider.getClientSecretFile() != null) {
            try {
                String secret = Files.readString(provider.getClientSecretFile()).replaceAll("[\\r\\n]+$", "");
                require(prefix + "client-secret-file (contents)", secret);
                return secret;
            } catch (IOException ex) {
                throw new IllegalStateException(
                        prefix + "client-secret-file: cannot read " + provider.getClientSecretFile(), ex);
            }
        }
        return require(prefix + "client-secret (or client-secret-file)", provider.getClientSecret());
    }

    /** The value of a required property; refused when missing or blank. */
    private static String require(String property, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(property + " is required");
        }
        return value;
    }
}
