package com.phoenixidp.admin.groups;

import picocli.CommandLine.Command;

/** {@code groups add-member GROUP USER}. */
@Command(name = "add-member", description = "Add a user to a group.")
final class AddMember extends ChangeMembership {

    AddMember() {
        super(true);
    }
}
