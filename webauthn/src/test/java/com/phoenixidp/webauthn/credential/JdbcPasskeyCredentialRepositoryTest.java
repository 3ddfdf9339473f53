package com.phoenixidp.webauthn.credential;

import com.phoenixidp.webauthn.TestDatabase;

class JdbcPasskeyCredentialRepositoryTest extends PasskeyCredentialRepositoryContract {

    @Override
    protected PasskeyCredentialRepository newRepository() {
        return new JdbcPasskeyCredentialRepository(TestDatabase.create());
    }
}
