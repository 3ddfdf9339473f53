package com.phoenixidp.authserver.token;

import com.phoenixidp.authserver.settings.PhoenixClientSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * RFC 8707 resource indicators: the {@code resource} parameter (repeatable) of authorization and
 * token requests names where the access token will be used, and only the client's registered
 * {@code resource-uris} may be named (else {@code invalid_target}, RFC 8707 section 2).
 */
public final class ResourceIndicators {

    /** RFC 8707 section 2. */
    public static final String PARAMETER = "resource";

    /** RFC 8707 section 2: the requested resource is invalid, unknown or not allowed for the client. */
    public static final String INVALID_TARGET = "invalid_target";

    private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc8707#section-2";

    private ResourceIndicators() {}

    /** The resources named in request parameters (a String, a String[] or a collection); empty when none. */
    public static List<String> requested(Map<String, Object> parameters) {
        Object value = (parameters != null) ? parameters.get(PARAMETER) : null;
        LinkedHashSet<String> resources = new LinkedHashSet<>();
        if (value instanceof String single) {
            resources.add(single);
        } else if (value instanceof String[] several) {
            resources.addAll(List.of(several));
        } else if (value instanceof Collection<?> several) {
            several.forEach((v) -> resources.add(String.valueOf(v)));
        }
        return new ArrayList<>(resources);
    }

    /** Throws {@code invalid_target} (token endpoint) unless every resource is registered for the client. */
    public static void requireRegistered(RegisteredClient client, Collection<String> resources) {
        String unknown = firstUnregistered(client, resources);
        if (unknown != null) {
            throw new OAuth2AuthenticationException(invalidTarget());
        }
    }

    /**
     * An authorization request validator (after Spring's redirect URI and scope checks, so the
     * error may go back to the client): every {@code resource} must be registered for the client.
     */
    public static Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> authorizationRequestValidator() {
        return (context) -> {
            OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
            String unknown =
                    firstUnregistered(context.getRegisteredClient(), requested(request.getAdditionalParameters()));
            if (unknown != null) {
                throw new OAuth2AuthorizationCodeRequestAuthenticationException(invalidTarget(), request);
            }
        };
    }

    private static @Nullable String firstUnregistered(RegisteredClient client, Collection<String> resources) {
        List<String> registered = PhoenixClientSettings.resourceUris(client);
        return resources.stream()
                .filter((resource) -> !registered.contains(resource))
                .findFirst()
                .orElse(null);
    }

    private static OAuth2Error invalidTarget() {
        return new OAuth2Error(INVALID_TARGET, "The resource is not registered for this client.", ERROR_URI);
    }
}
