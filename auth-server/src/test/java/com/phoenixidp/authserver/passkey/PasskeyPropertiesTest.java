package com.phoenixidp.authserver.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.webauthn.RelyingPartyConfig;
import com.phoenixidp.webauthn.UserVerificationPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasskeyPropertiesTest {

    @Test
    void toRelyingPartyConfigWhenNothingSetThenIssuerHostAndOrigin() {
        RelyingPartyConfig config = new PasskeyProperties().toRelyingPartyConfig("http://localhost:9000");

        assertThat(config.rpId()).isEqualTo("localhost");
        assertThat(config.allowedOrigins()).containsExactly("http://localhost:9000");
        assertThat(config.userVerification()).isEqualTo(UserVerificationPolicy.PREFERRED);
    }

    @Test
    void toRelyingPartyConfigWhenIssuerHasPathAndDefaultPortThenOriginWithoutPath() {
        RelyingPartyConfig config = new PasskeyProperties().toRelyingPartyConfig("https://Login.Example.com/idp");

        assertThat(config.rpId()).isEqualTo("login.example.com");
        assertThat(config.allowedOrigins()).containsExactly("https://login.example.com");
    }

    @Test
    void toRelyingPartyConfigWhenConfiguredThenConfiguredValuesWin() {
        PasskeyProperties properties = new PasskeyProperties();
        properties.setRpId("example.com");
        properties.setAllowedOrigins(List.of("https://a.example.com", "https://b.example.com"));
        properties.setUserVerification(UserVerificationPolicy.REQUIRED);

        RelyingPartyConfig config = properties.toRelyingPartyConfig("https://a.example.com");

        assertThat(config.rpId()).isEqualTo("example.com");
        assertThat(config.allowedOrigins()).containsExactlyInAnyOrder("https://a.example.com", "https://b.example.com");
        assertThat(config.userVerification()).isEqualTo(UserVerificationPolicy.REQUIRED);
    }
}
