package com.phoenixidp.authserver;

import com.phoenixidp.authserver.backup.RestoreCommand;
import com.phoenixidp.authserver.config.AotFingerprintCheck;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Phoenix IdP: an OAuth 2.1 / OpenID Connect 1.0 authorization server (RFC 6749, RFC 7636,
 * RFC 7662, RFC 7009, RFC 8414, OIDC Core / Discovery / RP-Initiated Logout) built on Spring
 * Authorization Server.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PhoenixAuthServerApplication {

    static {
        // before any key is loaded: the provider that creates a key object is the one that uses it
        com.phoenixidp.authserver.config.NativeCrypto.installIfAvailable();
    }

    /**
     * Starts the server; {@code phoenix-idp restore FILE ...} instead restores a backup and exits
     * ({@link RestoreCommand}), without starting Spring. With Spring AOT on and a configuration
     * other than the processed one, the first start is abandoned before any bean exists and the
     * server starts again without the generated code ({@link AotFingerprintCheck}).
     */
    public static void main(String[] args) {
        if (RestoreCommand.isRestore(args)) {
            System.exit(RestoreCommand.run(args, System.out, System.err));
        }
        try {
            SpringApplication.run(PhoenixAuthServerApplication.class, args);
        } catch (SpringApplication.AbandonedRunException abandoned) {
            if (!AotFingerprintCheck.retryWithoutAot()) {
                throw abandoned;
            }
            SpringApplication.run(PhoenixAuthServerApplication.class, args);
        }
    }
}
