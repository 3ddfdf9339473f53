package com.phoenixidp.authserver.ca;

import com.phoenixidp.authserver.client.ClientCertificateStatus;
import com.phoenixidp.authserver.config.PhoenixProperties;
import com.phoenixidp.pki.authority.CaOptions;
import com.phoenixidp.pki.authority.CertificateAuthority;
import com.phoenixidp.pki.store.CertificateStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Attaches the built-in CA (the {@code pki} library) when {@code phoenix.ca.dir} is set: opens
 * it (or creates it on first start with {@code phoenix.ca.create-if-missing}, as the demo
 * profile does), serves its public endpoints and answers revocation questions for mutual-TLS
 * client authentication from its ledger. The ledger is the CA directory's shared H2 database,
 * so {@code pki revoke} run beside a running server takes effect at once.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "phoenix.ca", name = "dir")
public class CertificateAuthorityConfiguration {

    static final String PASSWORD_ENV = "PHOENIX_CA_PASSWORD";

    private static final Logger LOG = LoggerFactory.getLogger(CertificateAuthorityConfiguration.class);

    @Bean
    CertificateAuthorityHolder certificateAuthority(
            CaProperties ca, PhoenixProperties phoenix, Environment environment, Clock clock, SecureRandom random) {
        char[] passphrase = passphrase(ca, phoenix, environment, random);
        return new CertificateAuthorityHolder(() -> open(ca, phoenix, passphrase, clock, random));
    }

    private static CertificateAuthority open(
            CaProperties ca, PhoenixProperties phoenix, char[] passphrase, Clock clock, SecureRandom random) {
        Path dir = Objects.requireNonNull(ca.getDir(), "phoenix.ca.dir is required for the certificate authority");
        if (ca.isCreateIfMissing() && !Files.exists(dir.resolve("ca.properties"))) {
            String baseUrl = (ca.getBaseUrl() != null) ? ca.getBaseUrl() : phoenix.getIssuer();
            CertificateAuthority created = CertificateAuthority.init(
                    dir, passphrase, CaOptions.defaults().withName(ca.getName()).withBaseUrl(baseUrl), clock, random);
            LOG.info(
                    "Created certificate authority '{}' in {} (base URL {})",
                    ca.getName(),
                    dir.toAbsolutePath(),
                    baseUrl);
            return created;
        }
        CertificateAuthority opened = CertificateAuthority.open(dir, passphrase, clock, random);
        LOG.info("Certificate authority opened from {}", dir.toAbsolutePath());
        return opened;
    }

    @Bean
    ClientCertificateStatus clientCertificateStatus(CertificateAuthorityHolder authority, Clock clock) {
        return (certificate) -> authority
                .get()
                .find(certificate.getSerialNumber())
                .map((record) -> record.status(clock.instant()) == CertificateStatus.REVOKED)
                .orElse(false);
    }

    @Bean
    io.micrometer.core.instrument.binder.MeterBinder caLedgerMetrics(
            CertificateAuthorityHolder authority, Clock clock) {
        return new CaLedgerMetrics(authority, clock);
    }

    /** OCSP GET requests carry base64 (with '/', sent as %2F): see {@link OcspGetFilter}. */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<OcspGetFilter> ocspGetFilter(
            CertificateAuthorityHolder authority) {
        var registration =
                new org.springframework.boot.web.servlet.FilterRegistrationBean<>(new OcspGetFilter(authority));
        registration.addUrlPatterns(OcspGetFilter.PREFIX + "*");
        // after the resilience filters (a failing ledger is a 503, malformed requests are refused first)
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 30);
        return registration;
    }

    /** Let Tomcat pass %2F through (still encoded) so the OCSP GET filter can decode it. */
    @Bean
    org.springframework.boot.web.server.WebServerFactoryCustomizer<
                    org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory>
            ocspEncodedSlash() {
        return (factory) ->
                factory.addConnectorCustomizers((connector) -> connector.setEncodedSolidusHandling("passthrough"));
    }

    /** The CA's public endpoints: no session, no CSRF (OCSP clients POST DER), no login. */
    @Bean
    @Order(5)
    SecurityFilterChain pkiSecurityFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/pki/**")
                .authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
                .sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf((csrf) -> csrf.disable())
                .requestCache((cache) -> cache.disable())
                .securityContext((context) -> context.disable());
        return http.build();
    }

    private static char[] passphrase(
            CaProperties ca, PhoenixProperties phoenix, Environment environment, SecureRandom random) {
        String env = environment.getProperty(PASSWORD_ENV);
        if (env != null && !env.isEmpty()) {
            return env.toCharArray();
        }
        Path file = ca.getPasswordFile();
        if (file == null && ca.isCreateIfMissing()) {
            file = phoenix.getDataDir().resolve("secrets").resolve("ca.password");
            if (!Files.exists(file)) {
                writeGenerated(file, random);
            }
        }
        if (file == null) {
            throw new CaConfigurationException(
                    "phoenix.ca.dir is set but no CA passphrase: set " + PASSWORD_ENV + " or phoenix.ca.password-file");
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isEmpty()) {
                throw new CaConfigurationException("the CA passphrase file " + file + " is empty");
            }
            return lines.get(0).toCharArray();
        } catch (IOException ex) {
            throw new CaConfigurationException("cannot read the CA passphrase file " + file);
        }
    }

    private static void writeGenerated(Path file, SecureRandom random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ex) {
                // not POSIX
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot write " + file, ex);
        }
    }
}
