package com.phoenixidp.admin.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.phoenixidp.admin.AdminCommand;
import picocli.CommandLine.Command;

/** {@code keys list}: {@code GET /admin/keys}. */
@Command(
        name = "list",
        description = "List the signing keys: ACTIVE signs, NEXT is published ahead of use, RETIRED stays "
                + "published until its tokens have expired.")
final class ListKeys extends AdminCommand {

    @Override
    protected void execute() {
        JsonNode keys = KeysCommand.keys(api().get(KeysCommand.PATH));
        if (this.json) {
            printJson(keys);
            return;
        }
        KeysCommand.print(keys, out());
    }
}
