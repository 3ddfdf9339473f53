package com.phoenixidp.admin.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.phoenixidp.admin.AdminCommand;
import com.phoenixidp.admin.http.Json;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code keys rotate}: {@code POST /admin/keys/rotate}. */
@Command(
        name = "rotate",
        description = "Rotate the signing keys: the NEXT key starts signing, the old one is retired (still "
                + "published while its tokens live) and a new NEXT key is published.")
final class RotateKeys extends AdminCommand {

    @Override
    protected void execute() {
        JsonNode answer = api().post(KeysCommand.PATH + "/rotate", null);
        if (this.json) {
            printJson(answer != null ? answer : Json.object().put("rotated", true));
            return;
        }
        JsonNode keys = KeysCommand.keys(answer);
        List<String> active = new ArrayList<>();
        keys.forEach((k) -> {
            if ("ACTIVE".equals(Json.text(k, "status"))) {
                active.add(Json.text(k, "kid"));
            }
        });
        out().println("Rotated the signing keys"
                + (active.isEmpty() ? "." : "; now signing with " + String.join(", ", active) + "."));
        KeysCommand.print(keys, out());
    }
}
