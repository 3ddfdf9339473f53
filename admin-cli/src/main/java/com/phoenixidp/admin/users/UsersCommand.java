package com.phoenixidp.admin.users;

import com.phoenixidp.admin.GroupCommand;
import picocli.CommandLine.Command;

/** {@code phoenix-admin users ...}: user accounts through SCIM 2.0 ({@code /scim/v2/Users}). */
@Command(
        name = "users",
        description = "List, show, create, disable, enable, delete users; set a password; sign a user out.",
        subcommands = {
            ListUsers.class,
            ShowUser.class,
            AddUser.class,
            DisableUser.class,
            EnableUser.class,
            SetPassword.class,
            DeleteUser.class,
            LogoutUser.class
        })
public final class UsersCommand extends GroupCommand {}
