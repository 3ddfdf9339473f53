package com.phoenixidp.authserver.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccountPageTest {

    @Test
    void displayAddressWhenIpv6ThenLongestZeroRunShortened() {
        assertThat(AccountPage.displayAddress("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(AccountPage.displayAddress("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(AccountPage.displayAddress("fe80:0:0:0:0:0:0:0")).isEqualTo("fe80::");
        assertThat(AccountPage.displayAddress("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2:3:4:5:6");
        assertThat(AccountPage.displayAddress("127.0.0.1")).isEqualTo("127.0.0.1");
    }
}
