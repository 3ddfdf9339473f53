package com.phoenixidp.crypto.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void toStringWhenCalledThenMasked() {
        Secret secret = Secret.of("hunter2-password");

        assertThat(secret.toString()).isEqualTo("***");
        assertThat(String.valueOf(secret)).doesNotContain("hunter2");
    }

    @Test
    void ofWhenCallerWipesArrayThenSecretKeepsItsCopy() {
        char[] input = "päss".toCharArray();
        Secret secret = Secret.of(input);
        java.util.Arrays.fill(input, 'x');

        assertThat(secret.reveal()).isEqualTo("päss");
        assertThat(secret.utf8()).isEqualTo("päss".getBytes(StandardCharsets.UTF_8));
        char[] copy = secret.chars();
        copy[0] = 'z';
        assertThat(secret.chars()).containsExactly('p', 'ä', 's', 's');
    }

    @Test
    void closeWhenCalledThenAccessFails() {
        Secret secret = Secret.of("value");
        secret.close();

        assertThatThrownBy(secret::reveal)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("value");
        assertThatThrownBy(secret::chars).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void equalsWhenSameContentDifferentInstanceThenNotEqual() {
        Secret a = Secret.of("same");
        Secret b = Secret.of("same");

        assertThat(a).isNotEqualTo(b);
        assertThat(a).isEqualTo(a);
    }
}
