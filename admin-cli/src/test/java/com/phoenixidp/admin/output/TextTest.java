package com.phoenixidp.admin.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TextTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void cleanWhenEmptyArrayThenDashNotAFailure() throws Exception {
        // a client with no redirect URIs: "redirect-uris": [] (clients show printed an NPE for it)
        assertThat(Text.clean(JSON.readTree("[]"))).isEqualTo("-");
    }

    @Test
    void cleanWhenArrayOfValuesThenJoined() throws Exception {
        assertThat(Text.clean(JSON.readTree("[\"a\",\"b\"]"))).isEqualTo("a, b");
    }
}
