package com.phoenixidp.authserver.resilience;

import static com.phoenixidp.authserver.TestData.SERVICE;
import static com.phoenixidp.authserver.TestData.SERVICE_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.TestPorts;
import com.phoenixidp.authserver.resilience.RawHttp.Answer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The firewall in front of the token endpoint ({@link FirewallConfiguration}) checks the headers
 * and parameter names the endpoint reads: a control character in one is a 400, printable Unicode
 * is served. Parameter values are not checked (Spring Security's default too): line breaks in a
 * pasted CSR are fine. Unknown parameters are otherwise ignored by the endpoint (RFC 6749 section
 * 3.2), so a refusal is the firewall's.
 */
class FirewallIntegrationTest extends AuthServerIntegrationTest {

    private final RawHttp http = new RawHttp("localhost", TestPorts.port());

    private static final String BASIC = OAuthTestClient.basicAuth(SERVICE, SERVICE_SECRET);

    @Test
    void printableUnicodeInAnUnknownParameterThenTokenIssued() throws Exception {
        Answer answer = token(BASIC, "&note=Gr%C3%BC%C3%9Fe+%F0%9F%98%80");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text()).contains("\"access_token\"");
    }

    @Test
    void controlCharacterInParameterNameThenRefused() throws Exception {
        assertThat(token(BASIC, "&no%C2%85te=x").status()).isEqualTo(400); // U+0085, a C1 control
        assertThat(token(BASIC, "&no%09te=x").status()).isEqualTo(400); // tab
    }

    @Test
    void controlCharactersInParameterValueThenServed() throws Exception {
        assertThat(token(BASIC, "&note=line+1%0D%0Aline+2%09%C2%85").status()).isEqualTo(200);
    }

    @Test
    void controlCharacterInAHeaderTheEndpointReadsThenRefused() throws Exception {
        // the value travels as UTF-8 (C2 85); Tomcat reads header bytes as ISO-8859-1, so U+0085 arrives
        assertThat(token(BASIC + "\u0085", "").status()).isEqualTo(400);
    }

    private Answer token(String authorization, String extraParameters) throws Exception {
        return http.send(
                "POST",
                "/oauth2/token".getBytes(StandardCharsets.US_ASCII),
                List.of(
                        new String[] {"Authorization", authorization},
                        new String[] {"Content-Type", "application/x-www-form-urlencoded"}),
                ("grant_type=client_credentials&scope=api.read" + extraParameters).getBytes(StandardCharsets.US_ASCII));
    }
}
