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
    void clientNotBeforeWhenClientListedThenItsNotBeforeAndOtherwiseNull() {
        RevokedTokenList list = list(false);
        Instant notBefore = this.clock.instant().minusSeconds(60);
        this.source.answer(
                new RevokedTokenList.Entries(
                        Map.of(),
                        Map.of(
                                "demo-service",
                                new RevokedTokenList.RevokedClient(
                                        notBefore, this.clock.instant().plusSeconds(3600)))),
                "W/\"1\"");

        list.refresh();

        assertThat(list.clientNotBefore("demo-service")).isEqualTo(notBefore);
        assertThat(list.clientNotBefore("other-service")).isNull();
        assertThat(list.clientNotBefore(null)).isNull();
        assertThat(list.isRevoked("demo-service"))
                .as("a client_id is not a jti")
                .isFalse();
    }

    @Test
    void clientNotBeforeWhenNoListFetchedOrNoClientsListedThenNull() {
        RevokedTokenList list = list(false);
        assertThat(list.clientNotBefore("demo-service")).isNull();

        this.source.answer(Map.of("a", this.clock.instant().plusSeconds(300)), "W/\"1\"");
        list.refresh();

        assertThat(list.clientNotBefore("demo-service")).isNull();
    }

    @Test
    void refreshWhenPolledAgainThenSendsTheEtagAndKeepsTheListOnNotModified() {
        RevokedTokenList list = list(false);
        this.source.answer(
                new RevokedTokenList.Entries(
                        Map.of("a", this.clock.instant().plusSeconds(300)),
                        Map.of(
                                "demo-service",
                                new RevokedTokenList.RevokedClient(
                                        this.clock.instant(),
                                        this.clock.instant().plusSeconds(300)))),
                "W/\"1\"");
        list.refresh();
        this.source.notModified();

        this.clock.advance(Duration.ofSeconds(50));
        list.refresh();
        this.clock.advance(Duration.ofSeconds(50));

        assertThat(this.source.etagsSent).containsExactly(null, "W/\"1\"");
        assertThat(list.isRevoked("a")).isTrue();
        assertThat(list.clientNotBefore("demo-service"))
                .isEqualTo(this.clock.instant().minusSeconds(100));
        assertThat(list.isFresh()).as("a 304 counts as a successful poll").isTrue();
    }

    @Test
    void refreshWhenPollFailsThenLastListKept() {
        RevokedTokenList list = list(false);
        this.source.answer(
                new RevokedTokenList.Entries(
                        Map.of("a", this.clock.instant().plusSeconds(300)),
                        Map.of(
                                "demo-service",
                                new RevokedTokenList.RevokedClient(
                                        this.clock.instant(),
                                        this.clock.instant().plusSeconds(300)))),
                "W/\"1\"");
        list.refresh();
        this.source.fail();

        list.refresh();

        assertThat(list.isRevoked("a")).isTrue();
        assertThat(list.clientNotBefore("demo-service")).isEqualTo(this.clock.instant());
    }

    @Test
    void refreshWhenNewListNoLongerNamesTheClientThenClientNoLongerListed() {
        RevokedTokenList list = list(false);
        this.source.answer(
                new RevokedTokenList.Entries(
                        Map.of(),
                        Map.of(
                                "demo-service",
                                new RevokedTokenList.RevokedClient(
                                        this.clock.instant(),
                                        this.clock.instant().plusSeconds(300)))),
                "W/\"1\"");
        list.refresh();
        this.source.answer(Map.of(), "W/\"2\"");

        list.refresh();

        assertThat(list.clientNotBefore("demo-service")).isNull();
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
    void refreshWhenClientEntriesExpiredThenDropped() {
        RevokedTokenList list = list(false);
        Instant now = this.clock.instant();
        Instant notBefore = now.minusSeconds(600);
        this.source.answer(
                new RevokedTokenList.Entries(
                        Map.of(),
                        Map.of(
                                "old", new RevokedTokenList.RevokedClient(notBefore, now.minusSeconds(1)),
                                "ending", new RevokedTokenList.RevokedClient(notBefore, now),
                                "live", new RevokedTokenList.RevokedClient(notBefore, now.plusSeconds(1)))),
                "W/\"1\"");

        list.refresh();

        assertThat(list.clientNotBefore("old")).isNull();
        assertThat(list.clientNotBefore("ending")).as("listed until exp").isEqualTo(notBefore);
        assertThat(list.clientNotBefore("live")).isEqualTo(notBefore);
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
    void parseWhenNoClientsArrayThenTokensOnlyAsFromAnOlderIdp() throws IOException {
        RevokedTokenList.Entries entries =
                RevocationListEndpoint.parse("{\"revoked\":[{\"jti\":\"a\",\"exp\":1767261600}],\"generated_at\":1}");

        assertThat(entries.tokens()).containsExactly(Map.entry("a", Instant.ofEpochSecond(1767261600)));
        assertThat(entries.clients()).isEmpty();
    }

    @Test
    void parseWhenClientsArrayThenTokensAndClients() throws IOException {
        RevokedTokenList.Entries entries = RevocationListEndpoint.parse("""
                {"revoked":[{"jti":"a","exp":1767225600}],
                 "clients":[{"client_id":"demo-service","not_before":1767225300,"exp":1767228900},
                            {"client_id":"batch","not_before":1767220000,"exp":1767223600}],
                 "generated_at":1767225300}""");

        assertThat(entries.tokens()).containsExactly(Map.entry("a", Instant.ofEpochSecond(1767225600)));
        assertThat(entries.clients())
                .containsOnly(
                        Map.entry(
                                "demo-service",
                                new RevokedTokenList.RevokedClient(
                                        Instant.ofEpochSecond(1767225300), Instant.ofEpochSecond(1767228900))),
                        Map.entry(
                                "batch",
                                new RevokedTokenList.RevokedClient(
                                        Instant.ofEpochSecond(1767220000), Instant.ofEpochSecond(1767223600))));
        assertThat(RevocationListEndpoint.parse("{\"revoked\":[],\"clients\":[]}")
                        .clients())
                .isEmpty();
    }

    @Test
    void parseWhenClientListedTwiceThenTheLaterNotBeforeAndExpWin() throws IOException {
        RevokedTokenList.Entries entries = RevocationListEndpoint.parse("""
                {"revoked":[],
                 "clients":[{"client_id":"demo-service","not_before":200,"exp":900},
                            {"client_id":"demo-service","not_before":500,"exp":600}]}""");

        assertThat(entries.clients())
                .containsExactly(Map.entry(
                        "demo-service",
                        new RevokedTokenList.RevokedClient(Instant.ofEpochSecond(500), Instant.ofEpochSecond(900))));
    }

    @Test
    void parseWhenEntryMalformedThenWholeAnswerRefused() throws IOException {
        assertThatIOException().isThrownBy(() -> RevocationListEndpoint.parse("{\"revoked\":[{\"jti\":\"a\"}]}"));
        assertThatIOException().isThrownBy(() -> RevocationListEndpoint.parse("{}"));
        assertThatIOException().isThrownBy(() -> RevocationListEndpoint.parse("not json"));
    }

    @Test
    void parseWhenClientsEntryMalformedThenWholeAnswerRefused() {
        String good = "{\"client_id\":\"ok\",\"not_before\":1767225300,\"exp\":1767228900}";
        for (String clients : new String[] {
            "[" + good + ",{\"client_id\":\"demo-service\",\"exp\":1767228900}]",
            "[" + good + ",{\"client_id\":\"demo-service\",\"not_before\":1767225300}]",
            "[" + good + ",{\"not_before\":1767225300,\"exp\":1767228900}]",
            "[" + good + ",{\"client_id\":42,\"not_before\":1767225300,\"exp\":1767228900}]",
            "[" + good + ",{\"client_id\":\"demo-service\",\"not_before\":\"1767225300\",\"exp\":1767228900}]",
            "[" + good + ",\"demo-service\"]",
            "{\"client_id\":\"demo-service\",\"not_before\":1767225300,\"exp\":1767228900}",
            "null"
        }) {
            assertThatIOException()
                    .as("clients: %s", clients)
                    .isThrownBy(() -> RevocationListEndpoint.parse(
                            "{\"revoked\":[{\"jti\":\"a\",\"exp\":1767261600}],\"clients\":" + clients + "}"))
                    .withMessageContaining("clients");
        }
    }

    private RevokedTokenList list(boolean failOpen) {
        return new RevokedTokenList(this.source, Duration.ofSeconds(2), MAX_STALENESS, failOpen, this.clock);
    }

    /** A {@link RevokedTokenList.Source} answering what the test says. */
    static final class FakeSource implements RevokedTokenList.Source {

        final List<String> etagsSent = new ArrayList<>();

        private RevokedTokenList.Fetched next;

        private boolean failing;

        /** Revoked tokens only, as an IdP that lists no clients answers. */
        void answer(Map<String, Instant> tokens, String etag) {
            answer(RevokedTokenList.Entries.tokens(tokens), etag);
        }

        void answer(RevokedTokenList.Entries entries, String etag) {
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
