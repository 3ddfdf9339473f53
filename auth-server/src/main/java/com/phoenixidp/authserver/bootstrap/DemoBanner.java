package com.phoenixidp.authserver.bootstrap;

import com.phoenixidp.authserver.config.PhoenixProperties;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * In the demo profile, prints how to use the demo users and clients once the server is up:
 * where their generated secrets are (never the secrets themselves) and a ready {@code curl}.
 */
@Component
public class DemoBanner {

    private static final Logger LOG = LoggerFactory.getLogger("phoenix.demo");

    private final PhoenixProperties properties;

    private final org.springframework.beans.factory.ObjectProvider<com.phoenixidp.authserver.ca.CaProperties>
            caProperties;

    public DemoBanner(
            PhoenixProperties properties,
            org.springframework.beans.factory.ObjectProvider<com.phoenixidp.authserver.ca.CaProperties> caProperties) {
        this.properties = properties;
        this.caProperties = caProperties;
    }

    private String caLine(Path secrets) {
        com.phoenixidp.authserver.ca.CaProperties ca = this.caProperties.getIfAvailable();
        if (ca == null || ca.getDir() == null) {
            return "(none: set phoenix.ca.dir)";
        }
        return ca.getDir() + "  (passphrase in " + secrets + "/ca.password; use with pki/pki --dir)";
    }

    /** {@code bin/phoenix-admin} of the unpacked distribution, or the source tree's launcher. */
    private static String adminCommand() {
        String home = System.getProperty("phoenix.home");
        return (home != null && !home.isBlank())
                ? Path.of(home, "bin", "phoenix-admin").toString()
                : "auth-server/phoenix-admin";
    }

    @EventListener(ApplicationReadyEvent.class)
    public void printUsage() {
        if (!this.properties.getDemo().isEnabled()) {
            return;
        }
        Path secrets = this.properties.getDataDir().resolve("secrets");
        String issuer = this.properties.getIssuer();
        LOG.info(
                """

				================================ Phoenix IdP demo ================================
				 Issuer:     {}
				 Discovery:  {}/.well-known/openid-configuration
				 Secrets:    {}/  (owner-only files, generated on first start)
				 Users:      alice (role user), bob (roles user, admin)
				             password of each in {}/<user>.password
				 Clients:    demo-web      confidential, authorization code + PKCE, redirect
				                           http://localhost:8080/login/oauth2/code/phoenix
				             demo-spa      public (no secret), authorization code + PKCE
				             demo-service  client credentials, scopes api.read api.write
				             demo-admin    client credentials, scopes phoenix.admin client.create (administration)
				             demo-device   public, device authorization grant (RFC 8628)
				             demo-legacy   confidential, legacy password grant (migrations only)
				             secret of each in {}/<client-id>.secret
				 CA:         {}
				             root certificate: {}/pki/root.crt, OCSP: {}/pki/ocsp
				 Try it:
				   curl -s -u "demo-service:$(cat {}/demo-service.secret)" \\
				        -d grant_type=client_credentials -d scope=api.read {}/oauth2/token
				 Manage users, groups, clients, keys and the audit trail (SCIM + admin API):
				   export PHOENIX_ADMIN_CLIENT_SECRET="$(cat {}/demo-admin.secret)"
				   {} --server {} --client-id demo-admin users list
				==================================================================================""",
                issuer,
                issuer,
                secrets,
                secrets,
                secrets,
                caLine(secrets),
                issuer,
                issuer,
                secrets,
                issuer,
                secrets,
                issuer);
    }
}
