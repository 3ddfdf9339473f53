package com.phoenixidp.pki.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectAltNameTest {

    @Test
    void parseWhenEachSupportedTypeThenNormalisedValue() {
        assertThat(SubjectAltName.parse("dns:API.Example.Internal"))
                .isEqualTo(new SubjectAltName(SubjectAltName.Type.DNS, "api.example.internal"));
        assertThat(SubjectAltName.parse("ip:127.0.0.1").value()).isEqualTo("127.0.0.1");
        assertThat(SubjectAltName.parse("ip:::1").type()).isEqualTo(SubjectAltName.Type.IP);
        assertThat(SubjectAltName.parse("uri:spiffe://phoenix.local/ns/default/sa/api")
                        .value())
                .isEqualTo("spiffe://phoenix.local/ns/default/sa/api");
        assertThat(SubjectAltName.parse("email:ops@Example.COM").value()).isEqualTo("ops@example.com");
        assertThat(SubjectAltName.parse("dns:*.svc.example.internal").value()).isEqualTo("*.svc.example.internal");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "api.example.internal",
                "dns",
                "dns:",
                "foo:bar",
                "dns:bad_name.example",
                "dns:-lead.example",
                "dns:a..b",
                "ip:999.1.1.1",
                "ip:10.0.0",
                "ip:localhost",
                "uri:not a uri",
                "uri:relative/path",
                "uri:spiffe://td/a/../b",
                "uri:spiffe://td:8080/x",
                "email:no-at-sign",
                "email:a@bad_domain"
            })
    void parseWhenMalformedThenInvalidSubjectAltName(String text) {
        assertThatThrownBy(() -> SubjectAltName.parse(text)).isInstanceOf(InvalidSubjectAltNameException.class);
    }

    @Test
    void toGeneralNameWhenParsedBackThenSameName() {
        for (String text : new String[] {
            "dns:a.example.internal", "ip:10.1.2.3", "ip:fd00::1", "uri:spiffe://td/x", "email:a@b.example"
        }) {
            SubjectAltName san = SubjectAltName.parse(text);
            assertThat(SubjectAltName.fromGeneralName(san.toGeneralName())).isEqualTo(san);
        }
    }
}
