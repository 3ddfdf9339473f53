package com.phoenixidp.authserver.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class PhoenixPropertiesTest {

    @Test
    void issuerWhenAUrlWithAHostThenTaken() {
        PhoenixProperties properties = new PhoenixProperties();
        for (String issuer :
                new String[] {"https://id.example.com", "http://localhost:9000", "https://example.com/idp"}) {
            properties.setIssuer(issuer);

            assertThat(properties.getIssuer()).isEqualTo(issuer);
        }
    }

    @Test
    void issuerWhenNoUsableUrlThenRefusedSayingWhy() {
        PhoenixProperties properties = new PhoenixProperties();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> properties.setIssuer("id.example.com"))
                .withMessageContaining("https (or, for development, http) URL");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> properties.setIssuer("ftp://id.example.com"))
                .withMessageContaining("https");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> properties.setIssuer("https:///path"))
                .withMessageContaining("no host");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> properties.setIssuer("https://id.example.com/?tenant=1"))
                .withMessageContaining("no query or fragment");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> properties.setIssuer("https://id example.com"))
                .withMessageStartingWith("not a URL");
        assertThat(properties.getIssuer()).as("unchanged").isEqualTo("http://localhost:9000");
    }
}
