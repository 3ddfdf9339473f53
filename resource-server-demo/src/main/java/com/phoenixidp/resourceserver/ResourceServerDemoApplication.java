package com.phoenixidp.resourceserver;

import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * One executable, two demo services behind mutual TLS, chosen with {@code phoenix.service}:
 * {@code catalog} (items) and {@code orders} (orders, and a service-to-service call to catalog).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ResourceServerDemoApplication {

    /** Fails the start with a clear message unless {@code phoenix.service} is {@code catalog} or {@code orders}. */
    @Bean
    ServiceRole serviceRole(@Value("${phoenix.service:}") String service) {
        try {
            return ServiceRole.valueOf(service.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw new IllegalStateException("Set phoenix.service to 'catalog' or 'orders' (was '" + service + "')");
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(ResourceServerDemoApplication.class, args);
    }
}
