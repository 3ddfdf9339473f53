package com.phoenixidp.webauthn.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phoenixidp.webauthn.BadChallengeException;
import com.phoenixidp.webauthn.ChallengeExpiredException;
import com.phoenixidp.webauthn.ChallengeReplayedException;
import com.phoenixidp.webauthn.MutableClock;
import com.phoenixidp.webauthn.TestDatabase;
import com.phoenixidp.webauthn.UnknownCeremonyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChallengeServiceTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));

    static Stream<Arguments> stores() {
        return Stream.of(
                Arguments.of("in-memory", (Supplier<ChallengeStore>) InMemoryChallengeStore::new),
                Arguments.of("jdbc", (Supplier<ChallengeStore>) () -> new JdbcChallengeStore(TestDatabase.create())));
    }

    private ChallengeService service(ChallengeStore store) {
        return new ChallengeService(store, Duration.ofMinutes(5), clock, new SecureRandom());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void issueWhenCalledThenThirtyTwoRandomBytesAreIssuedAndOnlyTheirHashIsStored(
            String name, Supplier<ChallengeStore> stores) throws Exception {
        ChallengeStore store = stores.get();
        IssuedChallenge issued = service(store).issue(CeremonyType.AUTHENTICATION, Optional.empty());

        StoredChallenge stored =
                store.consume(issued.ceremonyId(), clock.instant()).orElseThrow();
        assertThat(issued.challenge()).hasSize(32);
        assertThat(stored.challengeHash())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(issued.challenge()))
                .isNotEqualTo(issued.challenge());
        assertThat(stored.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(stored.consumedAt()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void consumeWhenValidThenUserHandleIsBoundAndChallengeMatches(String name, Supplier<ChallengeStore> stores) {
        ChallengeService service = service(stores.get());
        byte[] user = {1, 2, 3};
        IssuedChallenge issued = service.issue(CeremonyType.REGISTRATION, Optional.of(user));

        StoredChallenge stored = service.consume(issued.ceremonyId(), CeremonyType.REGISTRATION);

        assertThat(stored.userHandle()).contains(user);
        ChallengeService.verifyChallenge(stored, issued.challenge());
        byte[] other = issued.challenge();
        other[0] ^= 1;
        assertThatThrownBy(() -> ChallengeService.verifyChallenge(stored, other))
                .isExactlyInstanceOf(BadChallengeException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void consumeWhenCalledTwiceThenSecondIsChallengeReplayed(String name, Supplier<ChallengeStore> stores) {
        ChallengeService service = service(stores.get());
        IssuedChallenge issued = service.issue(CeremonyType.AUTHENTICATION, Optional.empty());
        service.consume(issued.ceremonyId(), CeremonyType.AUTHENTICATION);

        assertThatThrownBy(() -> service.consume(issued.ceremonyId(), CeremonyType.AUTHENTICATION))
                .isExactlyInstanceOf(ChallengeReplayedException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void consumeWhenPastExpiryThenChallengeExpiredAndLaterReplayed(String name, Supplier<ChallengeStore> stores) {
        ChallengeService service = service(stores.get());
        IssuedChallenge issued = service.issue(CeremonyType.AUTHENTICATION, Optional.empty());
        clock.advance(Duration.ofMinutes(5).plusMillis(1));

        assertThatThrownBy(() -> service.consume(issued.ceremonyId(), CeremonyType.AUTHENTICATION))
                .isExactlyInstanceOf(ChallengeExpiredException.class);
        assertThatThrownBy(() -> service.consume(issued.ceremonyId(), CeremonyType.AUTHENTICATION))
                .isExactlyInstanceOf(ChallengeReplayedException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void consumeWhenOtherCeremonyTypeThenBadChallenge(String name, Supplier<ChallengeStore> stores) {
        ChallengeService service = service(stores.get());
        IssuedChallenge issued = service.issue(CeremonyType.AUTHENTICATION, Optional.empty());

        assertThatThrownBy(() -> service.consume(issued.ceremonyId(), CeremonyType.REGISTRATION))
                .isExactlyInstanceOf(BadChallengeException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void consumeWhenUnknownCeremonyThenUnknownCeremony(String name, Supplier<ChallengeStore> stores) {
        ChallengeService service = service(stores.get());

        assertThatThrownBy(() -> service.consume("never-issued", CeremonyType.AUTHENTICATION))
                .isExactlyInstanceOf(UnknownCeremonyException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void consumeWhenRacingThreadsThenExactlyOneWins(String name, Supplier<ChallengeStore> stores) throws Exception {
        ChallengeStore store = stores.get();
        IssuedChallenge issued = service(store).issue(CeremonyType.AUTHENTICATION, Optional.empty());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tasks.add(() -> store.consume(issued.ceremonyId(), clock.instant())
                        .orElseThrow()
                        .consumedAt()
                        .isEmpty());
            }
            long winners = 0;
            for (Future<Boolean> f : pool.invokeAll(tasks)) {
                winners += f.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void purgeExpiredWhenSomeExpiredThenOnlyThoseAreRemoved(String name, Supplier<ChallengeStore> stores) {
        ChallengeStore store = stores.get();
        ChallengeService service = service(store);
        IssuedChallenge old = service.issue(CeremonyType.AUTHENTICATION, Optional.empty());
        clock.advance(Duration.ofMinutes(4));
        IssuedChallenge fresh = service.issue(CeremonyType.AUTHENTICATION, Optional.empty());
        clock.advance(Duration.ofMinutes(2));

        assertThat(store.purgeExpired(clock.instant())).isEqualTo(1);
        assertThat(store.consume(old.ceremonyId(), clock.instant())).isEmpty();
        assertThat(store.consume(fresh.ceremonyId(), clock.instant())).isPresent();
    }
}
