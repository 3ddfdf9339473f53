package com.phoenixidp.admin.users;

import picocli.CommandLine.Command;

/** {@code users disable NAME}. */
@Command(
        name = "disable",
        description = "Disable a user: the user can no longer sign in (the account and its data are kept).")
final class DisableUser extends ChangeUserState {

    DisableUser() {
        super(false);
    }
}
