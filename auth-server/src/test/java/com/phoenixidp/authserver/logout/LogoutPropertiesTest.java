package com.phoenixidp.authserver.logout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The default retry schedule of back-channel logout deliveries. */
class LogoutPropertiesTest {

    @Test
    void retryDelayWhenDefaultsThenFirstRetryWithinTenSecondsDoublingUpToAnHourGivenUpAfterADay() {
        LogoutProperties defaults = new LogoutProperties();

        assertThat(defaults.retryDelay(1)).isEqualTo(Duration.ofSeconds(5)).isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.retryDelay(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.retryDelay(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(defaults.retryDelay(10)).isEqualTo(Duration.ofSeconds(5 * 512));
        assertThat(defaults.retryDelay(11)).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.retryDelay(1000)).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.getGiveUpAfter()).isEqualTo(Duration.ofHours(24));
    }
}
