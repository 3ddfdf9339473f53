package com.phoenixidp.admin.users;

import picocli.CommandLine.Command;

/** {@code users enable NAME}. */
@Command(name = "enable", description = "Enable a disabled user again.")
final class EnableUser extends ChangeUserState {

    EnableUser() {
        super(true);
    }
}
