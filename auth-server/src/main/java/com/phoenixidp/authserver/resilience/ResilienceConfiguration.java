package com.phoenixidp.authserver.resilience;

import com.phoenixidp.authserver.config.PhoenixProperties;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The filters in front of everything else (after character encoding, before sessions at
 * {@code Integer.MIN_VALUE + 50} and security): {@link ServiceUnavailableFilter} outermost, then
 * {@link MalformedRequestFilter}, then {@link PasswordSignInAdmissionFilter}; and the
 * {@link PasswordHashingBulkhead}.
 */
@Configuration(proxyBeanMethods = false)
public class ResilienceConfiguration {

    @Bean
    PasswordHashingBulkhead passwordHashingBulkhead(PhoenixProperties properties) {
        PhoenixProperties.Password password = properties.getPassword();
        int threads =
                (password.getHashThreads() > 0) ? password.getHashThreads() : PasswordHashingBulkhead.defaultThreads();
        int queue = (password.getHashQueue() != null) ? password.getHashQueue() : threads;
        return new PasswordHashingBulkhead(threads, queue, password.getHashMaxWait(), password.getFloodNiceness());
    }

    @Bean
    UnavailabilityLog unavailabilityLog(Clock clock) {
        return new UnavailabilityLog(clock);
    }

    /** One WARN line instead of an ERROR stack trace per failed request while the disk is full. */
    @Bean
    org.springframework.beans.factory.DisposableBean storageFailureLogFilter(UnavailabilityLog log) {
        Runnable uninstall = StorageFailureLogFilter.install(log);
        return uninstall::run;
    }

    @Bean
    FilterRegistrationBean<ServiceUnavailableFilter> serviceUnavailableFilter(UnavailabilityLog log) {
        FilterRegistrationBean<ServiceUnavailableFilter> registration =
                new FilterRegistrationBean<>(new ServiceUnavailableFilter(log));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    @Bean
    FilterRegistrationBean<PasswordSignInAdmissionFilter> passwordSignInAdmissionFilter(
            PasswordHashingBulkhead bulkhead,
            org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings settings,
            UnavailabilityLog log,
            PhoenixProperties properties) {
        FilterRegistrationBean<PasswordSignInAdmissionFilter> registration =
                new FilterRegistrationBean<>(new PasswordSignInAdmissionFilter(
                        bulkhead,
                        settings.getTokenEndpoint(),
                        log,
                        properties.getPassword().getBusyAnswerDelay()));
        registration.setAsyncSupported(true);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 25);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    @Bean
    FilterRegistrationBean<MalformedRequestFilter> malformedRequestFilter(PhoenixProperties properties) {
        FilterRegistrationBean<MalformedRequestFilter> registration = new FilterRegistrationBean<>(
                new MalformedRequestFilter(properties.getHttp().getMaxBodySize().toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }
}
