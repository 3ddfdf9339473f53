package com.phoenixidp.authserver.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceNamesTest {

    @Test
    void describeWhenCommonBrowsersThenBrowserAndSystem() {
        assertThat(DeviceNames.describe("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like"
                        + " Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"))
                .isEqualTo("Edge on Windows");
        assertThat(DeviceNames.describe("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"))
                .isEqualTo("Firefox on Linux");
        assertThat(DeviceNames.describe("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15"
                        + " (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"))
                .isEqualTo("Safari on iOS");
        assertThat(DeviceNames.describe("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like"
                        + " Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"))
                .isEqualTo("Chrome on Android");
    }

    @Test
    void describeWhenNoBrowserOrNothingThenProductTokenOrUnknown() {
        assertThat(DeviceNames.describe("curl/8.5.0")).isEqualTo("curl");
        assertThat(DeviceNames.describe("")).isEqualTo("Unknown device");
        assertThat(DeviceNames.describe(null)).isEqualTo("Unknown device");
    }
}
