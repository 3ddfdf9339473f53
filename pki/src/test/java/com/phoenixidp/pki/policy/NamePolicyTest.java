package com.phoenixidp.pki.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phoenixidp.pki.PkiException;
import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.junit.jupiter.api.Test;

class NamePolicyTest {

    private final NamePolicy policy = NamePolicy.of(
            List.of(".Example.Internal"),
            List.of("10.0.0.0/8", "fd00::/8"),
            List.of("spiffe://phoenix.local/ns/prod"),
            List.of("example.com"));

    @Test
    void allowsWhenNameUnderSuffixThenTrueAndLookalikeThenFalse() {
        assertThat(policy.allows(SubjectAltName.dns("example.internal"))).isTrue();
        assertThat(policy.allows(SubjectAltName.dns("api.example.internal"))).isTrue();
        assertThat(policy.allows(SubjectAltName.dns("*.svc.example.internal"))).isTrue();
        assertThat(policy.allows(SubjectAltName.dns("badexample.internal"))).isFalse();
        assertThat(policy.allows(SubjectAltName.dns("example.internal.evil.com")))
                .isFalse();
    }

    @Test
    void allowsWhenIpInsideRangeThenTrueOutsideThenFalse() {
        assertThat(policy.allows(SubjectAltName.ip("10.20.30.40"))).isTrue();
        assertThat(policy.allows(SubjectAltName.ip("11.0.0.1"))).isFalse();
        assertThat(policy.allows(SubjectAltName.ip("fd12::1"))).isTrue();
        assertThat(policy.allows(SubjectAltName.ip("2001:db8::1"))).isFalse();
    }

    @Test
    void allowsWhenUriPrefixMatchesWholeSegmentThenTrueElseFalse() {
        assertThat(policy.allows(SubjectAltName.uri("spiffe://phoenix.local/ns/prod/sa/api")))
                .isTrue();
        assertThat(policy.allows(SubjectAltName.uri("spiffe://phoenix.local/ns/production/sa/api")))
                .isFalse();
        assertThat(policy.allows(SubjectAltName.uri("spiffe://phoenix.local.evil/ns/prod")))
                .isFalse();
    }

    @Test
    void checkWhenTypeWithoutRulesThenDenied() {
        NamePolicy dnsOnly = NamePolicy.of(List.of("example.internal"), List.of(), List.of(), List.of());
        assertThatThrownBy(() -> dnsOnly.check("api", List.of(SubjectAltName.ip("10.0.0.1"))))
                .isInstanceOf(NameNotAllowedException.class)
                .hasMessageContaining("ip:10.0.0.1");
    }

    @Test
    void checkWhenCommonNameLooksLikeHostOutsidePolicyThenDenied() {
        assertThatThrownBy(() -> policy.check("evil.com", List.of(SubjectAltName.dns("api.example.internal"))))
                .isInstanceOf(NameNotAllowedException.class)
                .hasMessageContaining("evil.com");
        assertThatCode(() ->
                        policy.check("payments", List.of(SubjectAltName.uri("spiffe://phoenix.local/ns/prod/sa/pay"))))
                .doesNotThrowAnyException();
    }

    @Test
    void checkWhenPolicyEmptyThenEverythingAllowed() {
        assertThatCode(() -> NamePolicy.ALLOW_ALL.check("evil.com", List.of(SubjectAltName.dns("evil.com"))))
                .doesNotThrowAnyException();
        assertThat(NamePolicy.ALLOW_ALL.nameConstraints()).isNull();
    }

    @Test
    void nameConstraintsWhenPolicySetThenPermittedSubtreesMatchRules() {
        NameConstraints constraints = policy.nameConstraints();
        assertThat(constraints.getPermittedSubtrees())
                .extracting(GeneralSubtree::getBase)
                .extracting(GeneralName::toString)
                .contains("2: example.internal", "6: phoenix.local", "1: example.com");
        assertThat(constraints.getPermittedSubtrees())
                .filteredOn(s -> s.getBase().getTagNo() == GeneralName.iPAddress)
                .hasSize(2);
        assertThat(constraints.getExcludedSubtrees()).isNull();
    }

    @Test
    void nameConstraintsWhenNoIpRuleThenAllAddressesExcluded() {
        NamePolicy dnsOnly = NamePolicy.of(List.of("example.internal"), List.of(), List.of(), List.of());
        assertThat(dnsOnly.nameConstraints().getExcludedSubtrees()).hasSize(2);
    }

    @Test
    void fromPropertiesWhenRoundTrippedThenEqual() {
        assertThat(NamePolicy.fromProperties(policy.toProperties())).isEqualTo(policy);
    }

    @Test
    void ofWhenRangeMalformedThenRejected() {
        assertThatThrownBy(() -> NamePolicy.of(List.of(), List.of("10.0.0.0/33"), List.of(), List.of()))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> NamePolicy.of(List.of("bad_domain"), List.of(), List.of(), List.of()))
                .isInstanceOf(PkiException.class);
    }
}
