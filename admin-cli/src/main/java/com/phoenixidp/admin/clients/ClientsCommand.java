package com.phoenixidp.admin.clients;

import com.phoenixidp.admin.GroupCommand;
import picocli.CommandLine.Command;

/** {@code phoenix-admin clients ...}: OAuth clients through the admin API ({@code /admin/clients}). */
@Command(
        name = "clients",
        description = "List, show, register, disable, enable and delete OAuth clients; rotate a client secret.",
        subcommands = {
            ListClients.class,
            ShowClient.class,
            AddClient.class,
            DisableClient.class,
            EnableClient.class,
            RotateSecret.class,
            DeleteClient.class
        })
public final class ClientsCommand extends GroupCommand {

    static final String PATH = "/admin/clients";

    /** The field of a client that holds a freshly generated secret (bootstrap YAML name). */
    static final String SECRET_FIELD = "client-secret";
}
