package com.phoenixidp.webauthn.credential;

class InMemoryPasskeyCredentialRepositoryTest extends PasskeyCredentialRepositoryContract {

    @Override
    protected PasskeyCredentialRepository newRepository() {
        return new InMemoryPasskeyCredentialRepository();
    }
}
