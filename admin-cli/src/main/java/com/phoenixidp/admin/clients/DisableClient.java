package com.phoenixidp.admin.clients;

import picocli.CommandLine.Command;

/** {@code clients disable ID}. */
@Command(
        name = "disable",
        description = {
            "Disable a client: it can no longer authenticate nor sign users in, and every token issued to it "
                    + "is revoked. Its registration is kept."
        })
final class DisableClient extends ChangeClientState {

    DisableClient() {
        super(false);
    }
}
