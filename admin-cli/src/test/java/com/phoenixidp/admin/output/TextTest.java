package com.phoenixidp.admin.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.admin.http.Json;
import org.junit.jupiter.api.Test;

/** How values from the server are shown. */
class TextTest {

    @Test
    void cleanWhenEmptyArrayThenDash() {
        // e.g. "redirect-uris": [] of a client-credentials client (clients show)
        assertThat(Text.clean(Json.parseOrNull("[]"))).isEqualTo("-");
    }

    @Test
    void cleanWhenArrayOfValuesThenJoined() {
        assertThat(Text.clean(Json.parseOrNull("[\"a\",\"b\"]"))).isEqualTo("a, b");
    }
}
