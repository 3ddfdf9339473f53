package com.phoenixidp.resourceserver.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RevokedTokenListTest {

    private static final Duration MAX_STALENESS = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));

    private final FakeSource source = new FakeSource();

    @Test
    void isRevokedWhenListedThenTrueAndOtherwiseFalse() {
        RevokedTokenList list = list(false);
        this.source.answer(Map.of("a", this.clock.instant().plusSeconds(300)), "W/\"1\"");

        list.refresh();

        assertThat(list.isRevoked("a")).isTrue();
        assertThat(list.isRevoked("b")).isFalse();
        assertThat(list.isRevoked(null)).isFalse();
    }

    @Test
    void refreshWhenPolledAgainThenSendsTheEtagAndKeepsTheListOnNotModified() {
        RevokedTokenList list = list(false);
        this.source.answer(Map.of("a", this.clock.instant().plusSeconds(300)), "W/\"1\"");
        list.refresh();
        this.source.notModified();

        this.clock.advance(Duration.ofSeconds(50));
        list.refresh();
        this.clock.advance(Duration.ofSeconds(50));

        assertThat(this.source.etagsSent).containsExactly(null, "W/\"1\"");
        assertThat(list.isRevoked("a")).isTrue();
        assertThat(list.isFresh()).as("a 304 counts as a successful poll").isTrue();
    }

    @Test
    void refreshWhenPollFailsThenLastListKept() {
        RevokedTokenList list = list(false);
        this.source.answer(Map.of("a", this.clock.instant().plusSeconds(300)), "W/\"1\"");
        list.refresh();
        this.source.fail();

        list.refresh();

        assertThat(list.isRevoked("a")).isTrue();
    }

    @Test
    void refreshWhenEntriesExpiredThenDropped() {
        RevokedTokenList list = list(false);
        this.source.answer(
                Map.of(
                        "old",
                        this.clock.instant().minusSeconds(1),
                        "live",
                        this.clock.instant().plusSeconds(1)),
                "W/\"1\"");

        list.refresh();

        assertThat(list.size()).isEqualTo(1);
        assertThat(list.isRevoked("live")).isTrue();
    }

    @Test
    void isUsableWhenNeverFetchedAndIdpUnreachableThenFailsClosed() {
        RevokedTokenList list = list(false);
        this.source.fail();

        assertThat(list.isUsable()).isFalse();
    }

    @Test
    void isUsableWhenListOlderThanMaxStalenessThenFailsClosedUnlessFailOpen() {
        for (boolean failOpen : new boolean[] {false, true}) {
            FakeSource source = new FakeSource();
            RevokedTokenList list =
                    new RevokedTokenList(source, Duration.ofSeconds(2), MAX_STALENESS, failOpen, this.clock);
            source.answer(Map.of("a", this.clock.instant().plusSeconds(3600)), "W/\"1\"");
            list.refresh();
            source.fail();

            this.clock.advance(MAX_STALENESS);
            assertThat(list.isUsable()).as("at max-staleness").isTrue();
            this.clock.advance(Duration.ofSeconds(1));
            assertThat(list.isUsable())
                    .as("beyond max-staleness, fail-open=%s", failOpen)
                    .isEqualTo(failOpen);
            assertThat(list.isRevoked("a")).isTrue();
        }
    }

    @Test
    void isUsableWhenStaleThenPollsOnceAtOnceAndRecoversWhenTheIdpAnswers() {
        RevokedTokenList list = list(false);
        this.source.fail();
        assertThat(list.isUsable()).isFalse();
        int polls = this.source.etagsSent.size();

        assertThat(list.isUsable()).as("no second poll within a second").isFalse();
        assertThat(this.source.etagsSent).hasSize(polls);

        this.source.answer(Map.of(), "W/\"0\"");
        this.clock.advance(Duration.ofMillis(1100));
        assertThat(list.isUsable()).isTrue();
    }

    @Test
    void parseWhenEntryMalformedThenWholeAnswerRefused() throws IOException {
        assertThat(RevocationListEndpoint.parse(
                        "{\"revoked\":[{\"jti\":\"a\",\"exp\":1767261600}],\"generated_at\":1}"))
                .containsEntry("a", Instant.ofEpochSecond(1767261600));
        assertThatIOException().isThrownBy(() -> RevocationListEndpoint.parse("{\"revoked\":[{\"jti\":\"a\"}]}"));
        assertThatIOException().isThrownBy(() -> RevocationListEndpoint.parse("{}"));
        assertThatIOException().isThrownBy(() -> RevocationListEndpoint.parse("not json"));
    }

    private RevokedTokenList list(boolean failOpen) {
        return new RevokedTokenList(this.source, Duration.ofSeconds(2), MAX_STALENESS, failOpen, this.clock);
    }

    private static final class FakeSource implements RevokedTokenList.Source {

        final List<String> etagsSent = new ArrayList<>();

        private RevokedTokenList.Fetched next;

        private boolean failing;

        void answer(Map<String, Instant> entries, String etag) {
            this.next = RevokedTokenList.Fetched.of(entries, etag);
            this.failing = false;
        }

        void notModified() {
            this.next = RevokedTokenList.Fetched.unchanged();
            this.failing = false;
        }

        void fail() {
            this.failing = true;
        }

        @Override
        public URI uri() {
            return URI.create("https://idp.example/oauth2/revoked-tokens");
        }

        @Override
        public RevokedTokenList.Fetched fetch(String etag) throws IOException {
            this.etagsSent.add(etag);
            if (this.failing) {
                throw new IOException("connection refused");
            }
            return this.next;
        }
    }

    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            this.now = this.now.plus(duration);
        }

        @Override
        public Instant instant() {
            return this.now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
