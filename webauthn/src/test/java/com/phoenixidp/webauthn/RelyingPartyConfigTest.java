package com.phoenixidp.webauthn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RelyingPartyConfigTest {

    @Test
    void buildWhenOnlyRequiredValuesThenSecureDefaultsApply() {
        RelyingPartyConfig config = RelyingPartyConfig.builder("localhost", "Phoenix")
                .allowedOrigin("http://localhost:9000")
                .build();

        assertThat(config.allowedOrigins()).containsExactly("http://localhost:9000");
        assertThat(config.userVerification()).isEqualTo(UserVerificationPolicy.PREFERRED);
        assertThat(config.residentKey()).isEqualTo(ResidentKeyPolicy.REQUIRED);
        assertThat(config.attestation()).isEqualTo(AttestationConveyance.NONE);
        assertThat(config.challengeTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.ceremonyTimeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void fromWhenCopiedAndChangedThenOriginalIsUnchanged() {
        RelyingPartyConfig original = RelyingPartyConfig.builder("localhost", "Phoenix")
                .allowedOrigin("http://localhost")
                .build();

        RelyingPartyConfig changed = RelyingPartyConfig.from(original)
                .userVerification(UserVerificationPolicy.REQUIRED)
                .build();

        assertThat(changed.userVerification()).isEqualTo(UserVerificationPolicy.REQUIRED);
        assertThat(original.userVerification()).isEqualTo(UserVerificationPolicy.PREFERRED);
        assertThat(changed.allowedOrigins()).isEqualTo(original.allowedOrigins());
    }

    @Test
    void buildWhenOriginHasPathThenRejected() {
        assertThatThrownBy(() -> RelyingPartyConfig.builder("localhost", "Phoenix")
                        .allowedOrigins(Set.of("https://localhost/login"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildWhenRpIdHasSchemeOrNoOriginsThenRejected() {
        assertThatThrownBy(() -> RelyingPartyConfig.builder("https://localhost", "Phoenix")
                        .allowedOrigin("https://localhost")
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> RelyingPartyConfig.builder("localhost", "Phoenix").build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
