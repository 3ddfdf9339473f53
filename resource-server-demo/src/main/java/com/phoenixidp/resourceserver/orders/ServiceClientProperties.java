package com.phoenixidp.resourceserver.orders;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code phoenix.client.*}: how the orders service calls catalog as itself — an OAuth 2.0 client
 * authenticating with its TLS certificate ({@code tls_client_auth}, RFC 8705 section 2.1) and the
 * client-credentials grant (RFC 6749 section 4.4).
 *
 * @param tokenEndpoint the IdP's token endpoint that accepts client certificates
 * @param clientId the client_id registered for this service
 * @param scope requested scope (space-separated)
 * @param sslBundle SSL bundle with this service's client certificate and the CA trust store
 * @param catalogUrl base URL of the catalog service
 */
@ConfigurationProperties("phoenix.client")
public record ServiceClientProperties(
        URI tokenEndpoint,
        String clientId,
        @DefaultValue("api.read") String scope,
        @DefaultValue("client") String sslBundle,
        URI catalogUrl) {}
