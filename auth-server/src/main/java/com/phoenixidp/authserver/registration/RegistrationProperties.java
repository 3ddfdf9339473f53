package com.phoenixidp.authserver.registration;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Dynamic client registration ({@code phoenix.registration.*}, RFC 7591): which scopes a
 * dynamically registered client may ask for. Registration itself needs an initial access token
 * with scope {@code client.create}; there is no open registration.
 */
@ConfigurationProperties("phoenix.registration")
public class RegistrationProperties {

    /**
     * The scopes a registered client may be given. Administrative scopes (such as
     * {@code phoenix.admin} or {@code client.create}) belong here only if anyone holding an
     * initial access token may have them.
     */
    private List<String> allowedScopes = new ArrayList<>(List.of("openid", "profile", "email"));

    public List<String> getAllowedScopes() {
        return this.allowedScopes;
    }

    public void setAllowedScopes(List<String> allowedScopes) {
        this.allowedScopes = allowedScopes;
    }
}
