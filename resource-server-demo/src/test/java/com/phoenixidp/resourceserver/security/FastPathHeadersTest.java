package com.phoenixidp.resourceserver.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FastPathHeadersTest {

    /** Spring Security's StrictHttpFirewall default and DefaultBearerTokenResolver patterns. */
    private static final Pattern FIREWALL = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    private static final Pattern B64TOKEN = Pattern.compile("[a-zA-Z0-9-._~+/]+=*");

    private static final List<String> SAMPLES = List.of(
            "",
            "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln",
            "abc==",
            "==",
            "a=b",
            "tab\there",
            "nul\u0000",
            "del\u007f",
            "c1\u0085",
            "caf\u00e9",
            "emoji \uD83D\uDE00",
            "unassigned \u0378",
            "lone surrogate \uD800",
            "space ok",
            "a+b/c~d_e.f-g",
            "a b",
            "a%20");

    @Test
    void headerValuePredicateWhenComparedWithFirewallRegexThenSameAnswers() {
        for (String sample : SAMPLES) {
            assertThat(FastPathHeaders.ASSIGNED_AND_NOT_CONTROL.test(sample))
                    .as(sample)
                    .isEqualTo(FIREWALL.matcher(sample).matches());
        }
    }

    @Test
    void isB64TokenWhenComparedWithRfc6750RegexThenSameAnswers() {
        for (String sample : SAMPLES) {
            assertThat(FastPathHeaders.HeaderBearerTokenResolver.isB64Token(sample))
                    .as(sample)
                    .isEqualTo(B64TOKEN.matcher(sample).matches());
        }
    }
}
