package com.phoenixidp.authserver.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.phoenixidp.authserver.config.PhoenixProperties;
import com.phoenixidp.authserver.management.ManagementException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The password rules of NIST SP 800-63B section 3.1.1.2 with the shipped common-password list. */
class PasswordPolicyTest {

    private static final PasswordPolicy POLICY = new PasswordPolicy(new PhoenixProperties());

    @Test
    void shippedListWhenLoadedThenAtLeastTenThousandEntries() {
        assertThat(POLICY.commonPasswordCount()).isGreaterThanOrEqualTo(10_000);
    }

    @Test
    void checkWhenCommonPasswordInAnyCaseThenRefusedWithoutEchoingIt() {
        for (String common : List.of("password1", "PassWord1", "iloveyou", "trustno1", "qwertyuiop", "baseball1")) {
            ManagementException refused =
                    catchThrowableOfType(ManagementException.class, () -> POLICY.check("someone", common));
            assertThat(refused).as(common).isNotNull();
            assertThat(refused.reason()).isEqualTo(ManagementException.Reason.INVALID_VALUE);
            assertThat(refused.field()).isEqualTo("password");
            assertThat(refused.getMessage()).contains("too common").doesNotContain(common);
        }
    }

    @Test
    void checkWhenTestAndSamplePasswordsThenAccepted() {
        // the bootstrap users of the test profile and of the client samples' tests must still start
        for (String password : List.of(
                "alice-password-1",
                "bob-password-12",
                "carol-password-1",
                "pia-password-123",
                "max-password-123",
                "mona-password-12",
                "gina-password-12",
                "lars-password-12",
                "mfa-grant-password-1",
                "dana-password-123",
                "paula-password-1",
                "wrong-pw-password-1",
                "sam-password-123",
                "wendy-password-1",
                "change-me-please")) {
            assertThatCode(() -> POLICY.check("someone", password)).as(password).doesNotThrowAnyException();
        }
    }

    @Test
    void checkWhenShortOrUsernameThenRefusedAndNoCompositionRule() {
        assertThat(catchThrowableOfType(ManagementException.class, () -> POLICY.check("someone", "abc-12"))
                        .getMessage())
                .contains("at least 8 characters");
        assertThat(catchThrowableOfType(ManagementException.class, () -> POLICY.check("Long-Username", "long-username"))
                        .getMessage())
                .contains("must not be the username");
        // lower-case letters only, no digit or symbol: long and uncommon is enough
        assertThatCode(() -> POLICY.check("someone", "correct horse battery staple"))
                .doesNotThrowAnyException();
    }

    @Test
    void checkWhenListGivenThenOnlyItsEntriesAreCommon() {
        PasswordPolicy policy = new PasswordPolicy(8, java.util.Set.of("hunter2hunter2"));

        assertThat(policy.isCommon("Hunter2Hunter2")).isTrue();
        assertThat(policy.isCommon("password1")).isFalse();
    }
}
