package com.phoenixidp.authserver.observability;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/** JWT signing (access and ID tokens) with the active signing key, one span per token. */
final class ObservedJwtEncoder implements JwtEncoder {

    private final JwtEncoder delegate;

    private final Spans spans;

    ObservedJwtEncoder(JwtEncoder delegate, ObjectProvider<ObservationRegistry> registry) {
        this.delegate = delegate;
        this.spans = new Spans(registry, "phoenix.jwt");
    }

    @Override
    public Jwt encode(JwtEncoderParameters parameters) {
        return this.spans.observe("sign", () -> this.delegate.encode(parameters));
    }
}
