package com.phoenixidp.authserver.dpop;

import com.phoenixidp.authserver.settings.PhoenixClientSettings;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Wraps a token endpoint grant provider with this server's DPoP rules (RFC 9449):
 * <ul>
 * <li>a proof, when sent, is verified by {@link DPoPProofs} first (section 4.3, multi-node jti);</li>
 * <li>a client registered with {@code require-dpop} (metadata {@code dpop_bound_access_tokens},
 * section 5.2) must send one, and so must a public client refreshing (its refresh tokens are
 * bound to its key, section 5); else {@code invalid_dpop_proof};</li>
 * <li>a public client's refresh token exists only when bound to its DPoP key
 * ({@link PublicClientRefreshTokens}).</li>
 * </ul>
 * Spring Authorization Server's providers then verify the proof again, put {@code cnf.jkt} in the
 * access token, answer {@code token_type: DPoP} and, for a public client's refresh, require the
 * proof key to be the one the current access token is bound to.
 */
final class DPoPTokenRequests implements AuthenticationProvider {

    private static final String PROOF = "dpop_proof";

    private static final String METHOD = "dpop_method";

    private final AuthenticationProvider delegate;

    private final DPoPProofs proofs;

    private final PublicClientRefreshTokens refreshTokens;

    DPoPTokenRequests(AuthenticationProvider delegate, DPoPProofs proofs, PublicClientRefreshTokens refreshTokens) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.proofs = Objects.requireNonNull(proofs, "proofs");
        this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
    }

    @Override
    public @Nullable Authentication authenticate(Authentication authentication) throws AuthenticationException {
        if (!(authentication instanceof OAuth2AuthorizationGrantAuthenticationToken grant)
                || !(grant.getPrincipal() instanceof OAuth2ClientAuthenticationToken client)
                || client.getRegisteredClient() == null) {
            return this.delegate.authenticate(authentication);
        }
        RegisteredClient registered = client.getRegisteredClient();
        boolean publicClient = ClientAuthenticationMethod.NONE.equals(client.getClientAuthenticationMethod());
        Map<String, Object> parameters = grant.getAdditionalParameters();
        Object proof = parameters.get(PROOF);
        if (proof instanceof String value && !value.isBlank()) {
            this.proofs.verify(value, String.valueOf(parameters.get(METHOD)));
        } else if (PhoenixClientSettings.requiresDpop(registered)) {
            throw DPoPProofs.invalidProof("This client must send a DPoP proof.");
        } else if (publicClient && AuthorizationGrantType.REFRESH_TOKEN.equals(grant.getGrantType())) {
            throw DPoPProofs.invalidProof("A public client's refresh token is bound to its DPoP key.");
        }
        Authentication result = this.delegate.authenticate(authentication);
        if (publicClient && result instanceof OAuth2AccessTokenAuthenticationToken tokens) {
            return this.refreshTokens.bindOrDrop(grant.getGrantType(), tokens);
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return this.delegate.supports(authentication);
    }
}
