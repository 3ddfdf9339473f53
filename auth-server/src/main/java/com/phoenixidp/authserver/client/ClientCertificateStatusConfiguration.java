package com.phoenixidp.authserver.client;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Fallback when no certificate authority is attached to this server: client certificates are
 * then only chain-validated by the TLS layer, and no revocation information is available here.
 */
@Configuration(proxyBeanMethods = false)
public class ClientCertificateStatusConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ClientCertificateStatus clientCertificateStatus() {
        return (certificate) -> false;
    }
}
