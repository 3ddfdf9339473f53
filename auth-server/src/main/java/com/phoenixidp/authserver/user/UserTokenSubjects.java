package com.phoenixidp.authserver.user;

import com.phoenixidp.authserver.token.TokenSubjects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Users as token subjects: their groups are the {@code roles} claim. */
@Component
public class UserTokenSubjects implements TokenSubjects {

    private final UserRepository users;

    public UserTokenSubjects(UserRepository users) {
        this.users = users;
    }

    @Override
    public Optional<TokenSubject> find(String username) {
        return this.users
                .findByUsername(username)
                .map((u) -> new TokenSubject(u.username(), u.displayName(), u.email(), u.emailVerified(), u.roles()));
    }
}
