package com.phoenixidp.admin.groups;

import com.phoenixidp.admin.GroupCommand;
import picocli.CommandLine.Command;

/** {@code phoenix-admin groups ...}: groups through SCIM 2.0 ({@code /scim/v2/Groups}). */
@Command(
        name = "groups",
        description = "List and create groups; add and remove members.",
        subcommands = {ListGroups.class, AddGroup.class, AddMember.class, RemoveMember.class})
public final class GroupsCommand extends GroupCommand {}
