package com.phoenixidp.admin.clients;

import picocli.CommandLine.Command;

/** {@code clients enable ID}. */
@Command(name = "enable", description = "Enable a disabled client again (its revoked tokens stay revoked).")
final class EnableClient extends ChangeClientState {

    EnableClient() {
        super(true);
    }
}
