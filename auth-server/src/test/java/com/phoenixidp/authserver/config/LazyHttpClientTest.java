package com.phoenixidp.authserver.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LazyHttpClientTest {

    @Test
    void getWhenCalledTwiceThenOneClientThatNeverFollowsRedirectsWithTheConnectTimeout() {
        LazyHttpClient lazy = new LazyHttpClient(Duration.ofSeconds(3));

        HttpClient client = lazy.get();

        assertThat(lazy.get()).isSameAs(client);
        // a back-channel logout or discovery answered with a redirect must not be sent elsewhere
        assertThat(client.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
        assertThat(client.connectTimeout()).contains(Duration.ofSeconds(3));
    }
}
