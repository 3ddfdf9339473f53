package com.phoenixidp.admin.groups;

import picocli.CommandLine.Command;

/** {@code groups remove-member GROUP USER}. */
@Command(name = "remove-member", description = "Remove a user from a group.")
final class RemoveMember extends ChangeMembership {

    RemoveMember() {
        super(false);
    }
}
