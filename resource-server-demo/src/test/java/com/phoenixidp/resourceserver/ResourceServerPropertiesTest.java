package com.phoenixidp.resourceserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceServerPropertiesTest {

    @Test
    void revocationCacheWhenConfiguredAbove60SecondsThenCappedAt60Seconds() {
        assertThat(properties(Duration.ofMinutes(10)).revocationCache()).isEqualTo(Duration.ofSeconds(60));
        assertThat(properties(Duration.ofSeconds(5)).revocationCache()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void jwkSetUriWhenNotConfiguredThenDerivedFromIssuer() {
        assertThat(properties(Duration.ofSeconds(5)).effectiveJwkSetUri())
                .isEqualTo(URI.create("https://idp.example:9443/oauth2/jwks"));
    }

    @Test
    void revocationListWhenNotConfiguredThenPolledFromIssuerEveryTwoSecondsFailingClosedAfterAMinute() {
        ResourceServerProperties properties = properties(Duration.ofSeconds(5));

        assertThat(properties.effectiveRevocationListUri())
                .isEqualTo(URI.create("https://idp.example:9443/oauth2/revoked-tokens"));
        assertThat(properties.revocationList().enabled()).isTrue();
        assertThat(properties.revocationList().interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.revocationList().maxStaleness()).isEqualTo(Duration.ofSeconds(60));
        assertThat(properties.revocationList().failOpen()).isFalse();
        assertThat(properties.dpop().algorithms()).containsExactly("ES256", "RS256", "EdDSA");
    }

    @Test
    void constructorWhenIssuerMissingThenFailsWithPropertyName() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ResourceServerProperties(
                        null,
                        null,
                        List.of(),
                        Duration.ofSeconds(30),
                        true,
                        Duration.ofMinutes(5),
                        Duration.ofSeconds(30),
                        null,
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(60),
                        "server",
                        null,
                        null))
                .withMessageContaining("phoenix.resource.issuer");
    }

    private static ResourceServerProperties properties(Duration revocationCache) {
        return new ResourceServerProperties(
                URI.create("https://idp.example:9443/"),
                null,
                List.of("catalog"),
                Duration.ofSeconds(30),
                true,
                Duration.ofMinutes(5),
                Duration.ofSeconds(30),
                null,
                revocationCache,
                Duration.ofSeconds(3),
                Duration.ofSeconds(60),
                "server",
                null,
                null);
    }
}
