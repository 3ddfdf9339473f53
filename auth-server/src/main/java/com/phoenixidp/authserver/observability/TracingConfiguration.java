package com.phoenixidp.authserver.observability;

import com.phoenixidp.crypto.password.PasswordHasher;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import javax.sql.DataSource;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.util.StringUtils;

/**
 * Traces with Micrometer Tracing and OpenTelemetry, exported by Spring Boot's OTLP span exporter.
 * Off unless {@value #ENDPOINT} is set: then a request creates no span at all (Micrometer's no-op
 * tracer and propagator replace OpenTelemetry's, so nothing is sampled, recorded or parsed from
 * {@code traceparent} headers). When it is set, every request has its HTTP server span (Spring
 * Boot's), and the work inside a token request or sign-in gets child spans: each SQL statement,
 * JWT signing and password hashing. Sampling is
 * Spring Boot's {@code management.tracing.sampling.probability}.
 */
@Configuration(proxyBeanMethods = false)
public class TracingConfiguration {

    /** Spring Boot's property for the OTLP/HTTP traces endpoint, e.g. http://collector:4318/v1/traces. */
    public static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

    /**
     * Spring Security observes nothing of its own (no observation per filter of the chain, per
     * authentication or per authorization: {@code management.observations.enable.spring.security}
     * already turned them into no-ops, and this removes the wrappers themselves, measured at about
     * 2 % of a token request's CPU). Every request still has its HTTP server observation (timer
     * {@code http.server.requests}, and the server span when tracing is on).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** No endpoint: no spans. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(TracingOff.class)
    static class Off {

        @Bean
        Tracer noopTracer() {
            return Tracer.NOOP;
        }

        @Bean
        Propagator noopPropagator() {
            return Propagator.NOOP;
        }
    }

    /** An endpoint: child spans for the store, signing and hashing work. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(TracingOn.class)
    static class On {

        @Bean
        static BeanPostProcessor phoenixSpans(ObjectProvider<ObservationRegistry> registry) {
            return new ObservedBeans(registry);
        }
    }

    /**
     * Wraps the beans whose work shows as child spans: the connection pool (every statement), the
     * JWT encoder and the user password hasher (by bean name: the client-secret hasher is a {@link
     * PasswordHasher} too and must stay what it is). They are only ever injected as interfaces.
     */
    static final class ObservedBeans implements BeanPostProcessor {

        private final ObjectProvider<ObservationRegistry> registry;

        ObservedBeans(ObjectProvider<ObservationRegistry> registry) {
            this.registry = registry;
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
            if (bean instanceof DataSource dataSource && !(bean instanceof ObservedDataSource)) {
                return new ObservedDataSource(dataSource, this.registry);
            }
            if (bean instanceof JwtEncoder encoder && "jwtEncoder".equals(beanName)) {
                return new ObservedJwtEncoder(encoder, this.registry);
            }
            if (bean instanceof PasswordHasher hasher && "passwordHasher".equals(beanName)) {
                return new ObservedPasswordHasher(hasher, this.registry);
            }
            return bean;
        }
    }

    static final class TracingOn implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty(ENDPOINT));
        }
    }

    static final class TracingOff implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty(ENDPOINT));
        }
    }
}
