package com.phoenixidp.authserver.config;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.AotDetector;
import org.springframework.boot.ApplicationContextFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * Creates the servlet application context Spring Boot would, on a {@link GenericTypeCachingBeanFactory}.
 * Registered in {@code META-INF/spring.factories} ahead of Spring Boot's own factories, so the server
 * and the integration tests that start a web server both get it; anything else (no web server, a
 * reactive one, a test's mock servlet environment) is left to Spring Boot's factories.
 */
public final class GenericTypeCachingContextFactory implements ApplicationContextFactory, Ordered {

    @Override
    public @Nullable ConfigurableApplicationContext create(@Nullable WebApplicationType webApplicationType) {
        if (webApplicationType != WebApplicationType.SERVLET) {
            return null;
        }
        GenericTypeCachingBeanFactory beanFactory = new GenericTypeCachingBeanFactory();
        return AotDetector.useGeneratedArtifacts()
                ? new ServletWebServerApplicationContext(beanFactory)
                : new AnnotationConfigServletWebServerApplicationContext(beanFactory);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
