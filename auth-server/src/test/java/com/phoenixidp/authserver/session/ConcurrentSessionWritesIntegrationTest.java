package com.phoenixidp.authserver.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Two requests of one session that add the same new attribute: the second save used to fail with
 * a duplicate key (a 500 for the request, seen under bench/flood.sh, where failed sign-ins in one
 * session both store the last exception). Replayed here deterministically on the running server's
 * session store: two copies of one session loaded, the same attribute added to both, both saved.
 */
class ConcurrentSessionWritesIntegrationTest extends AuthServerIntegrationTest {

    @Autowired
    FindByIndexNameSessionRepository<? extends Session> sessions;

    @Test
    void saveWhenTwoCopiesOfOneSessionAddTheSameAttributeThenBothSaveAndTheLastWins() {
        assertThat(addTheSameAttributeTwice(this.sessions)).isEqualTo("second");
    }

    private static <S extends Session> String addTheSameAttributeTwice(SessionRepository<S> sessions) {
        S created = sessions.createSession();
        sessions.save(created);
        S first = sessions.findById(created.getId());
        S second = sessions.findById(created.getId());

        first.setAttribute("SPRING_SECURITY_LAST_EXCEPTION", "first");
        second.setAttribute("SPRING_SECURITY_LAST_EXCEPTION", "second");
        sessions.save(first);
        sessions.save(second);

        String stored = sessions.findById(created.getId()).getAttribute("SPRING_SECURITY_LAST_EXCEPTION");
        sessions.deleteById(created.getId());
        return stored;
    }
}
