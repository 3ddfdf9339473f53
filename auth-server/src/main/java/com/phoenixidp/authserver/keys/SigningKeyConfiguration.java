package com.phoenixidp.authserver.keys;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.phoenixidp.authserver.config.PhoenixProperties;
import com.phoenixidp.authserver.token.AccessTokenDecoder;
import com.phoenixidp.authserver.token.PhoenixJwtEncoder;
import com.phoenixidp.authserver.token.RevokedTokens;
import com.phoenixidp.crypto.keys.JdbcSigningKeyRepository;
import com.phoenixidp.crypto.keys.KeyEncryptor;
import com.phoenixidp.crypto.keys.MasterKey;
import com.phoenixidp.crypto.keys.MasterKeyLoader;
import com.phoenixidp.crypto.keys.MasterKeyResolution;
import com.phoenixidp.crypto.keys.SigningKeyManager;
import com.phoenixidp.crypto.secret.ClientSecretHasher;
import java.security.SecureRandom;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * Key material: the master key (key-encryption key), the persisted rotating token signing keys,
 * and the JWK set / JWT encoder and decoder built on them.
 */
@Configuration(proxyBeanMethods = false)
public class SigningKeyConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeyConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }

    @Bean
    MasterKey masterKey(PhoenixProperties properties, Environment environment, SecureRandom random) {
        String env = environment.getProperty(MasterKeyLoader.ENV_VAR);
        MasterKeyResolution resolution = MasterKeyLoader.resolve(
                env, properties.getMasterKeyFile(), properties.getDemo().isEnabled(), properties.getDataDir(), random);
        if (resolution.generated()) {
            LOG.warn("""

					*****************************************************************************
					*  WARNING: no master key was configured, so a DEVELOPMENT master key was    *
					*  generated into {}
					*  It encrypts the token signing keys. Anyone who can read that file can     *
					*  decrypt them. For a real deployment set PHOENIX_MASTER_KEY or             *
					*  phoenix.master-key-file (base64 of 32 random bytes) and keep it safe.     *
					*****************************************************************************""", resolution.source().substring(resolution.source().indexOf(':') + 1));
        } else {
            LOG.info(
                    "Master key loaded from {}",
                    resolution.source().startsWith("file:")
                            ? resolution.source()
                            : resolution.source().split(":", -1)[0]);
        }
        return resolution.key();
    }

    @Bean
    @DependsOn("flywayInitializer")
    SigningKeyManager signingKeyManager(
            DataSource dataSource,
            MasterKey masterKey,
            PhoenixProperties properties,
            Clock clock,
            SecureRandom random) {
        LOG.info("Native crypto provider: {}", com.phoenixidp.authserver.config.NativeCrypto.status());
        SigningKeyManager manager = new SigningKeyManager(
                new JdbcSigningKeyRepository(dataSource),
                new KeyEncryptor(masterKey, random),
                clock,
                properties.getKeys().getRetiredRetention(),
                random);
        manager.initialize();
        return manager;
    }

    @Bean
    ClientSecretHasher clientSecretHasher(MasterKey masterKey) {
        return new ClientSecretHasher(masterKey.deriveKey("phoenix/client-secret/v1"));
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeyManager keys) {
        return (selector, context) -> selector.select(keys.publicJwkSet());
    }

    @Bean
    JwtEncoder jwtEncoder(SigningKeyManager keys) {
        return new PhoenixJwtEncoder(keys);
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, RevokedTokens revoked) {
        return AccessTokenDecoder.create(jwkSource, revoked);
    }
}
