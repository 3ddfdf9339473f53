package com.phoenixidp.resourceserver.orders;

import java.net.http.HttpClient;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collections;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans of the orders service: its mTLS HTTP client, token client and the chain endpoint. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "phoenix.service", havingValue = "orders")
class OrdersConfiguration {

    @Bean
    HttpClient serviceHttpClient(ServiceClientProperties properties, SslBundles bundles) {
        SslBundle bundle = bundles.getBundle(properties.sslBundle());
        return HttpClient.newBuilder()
                .sslContext(bundle.createSslContext())
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(java.time.Duration.ofSeconds(5))
                .build();
    }

    @Bean
    ServiceTokenClient serviceTokenClient(HttpClient serviceHttpClient, ServiceClientProperties properties) {
        return new ServiceTokenClient(serviceHttpClient, properties, Clock.systemUTC());
    }

    @Bean
    X509Certificate serviceClientCertificate(ServiceClientProperties properties, SslBundles bundles)
            throws KeyStoreException {
        KeyStore store = bundles.getBundle(properties.sslBundle()).getStores().getKeyStore();
        if (store == null) {
            throw new IllegalStateException("SSL bundle " + properties.sslBundle() + " has no key store");
        }
        for (String alias : Collections.list(store.aliases())) {
            if (store.getCertificate(alias) instanceof X509Certificate certificate) {
                return certificate;
            }
        }
        throw new IllegalStateException("SSL bundle " + properties.sslBundle() + " holds no client certificate");
    }
}
