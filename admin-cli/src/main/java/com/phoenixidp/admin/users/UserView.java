package com.phoenixidp.admin.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.phoenixidp.admin.http.Json;
import com.phoenixidp.admin.output.Fields;
import com.phoenixidp.admin.output.Table;
import com.phoenixidp.admin.output.Text;
import com.phoenixidp.admin.scim.Scim;
import org.jspecify.annotations.Nullable;

/** How a SCIM user resource (RFC 7643 4.1) is shown. */
final class UserView {

    private UserView() {}

    static Table table() {
        return new Table("username", "name", "email", "status", "source", "groups");
    }

    static void row(Table table, JsonNode user) {
        table.row(Json.text(user, "userName"), name(user), email(user), status(user), source(user), groups(user));
    }

    static Fields fields(JsonNode user) {
        JsonNode meta = user.path("meta");
        return new Fields()
                .add("Username", Json.text(user, "userName"))
                .add("Id", Json.text(user, "id"))
                .add("Name", name(user))
                .add("Email", email(user))
                .add("Status", status(user))
                .add("Source", source(user))
                .add("Groups", groups(user))
                .add("Created", Json.text(meta, "created"))
                .add("Last modified", Json.text(meta, "lastModified"));
    }

    /** The display name, else given and family name. */
    static @Nullable String name(JsonNode user) {
        String display = Json.text(user, "displayName");
        if (display != null) {
            return display;
        }
        JsonNode name = user.path("name");
        String formatted = Json.text(name, "formatted");
        if (formatted != null) {
            return formatted;
        }
        String given = Json.text(name, "givenName");
        String family = Json.text(name, "familyName");
        String joined = ((given != null) ? given : "") + " " + ((family != null) ? family : "");
        return joined.isBlank() ? null : joined.strip();
    }

    /** The primary e-mail address, else the first one. */
    static @Nullable String email(JsonNode user) {
        JsonNode emails = user.path("emails");
        for (JsonNode email : emails) {
            if (email.path("primary").asBoolean(false)) {
                return Json.text(email, "value");
            }
        }
        return emails.isArray() && !emails.isEmpty() ? Json.text(emails.get(0), "value") : null;
    }

    static @Nullable String status(JsonNode user) {
        JsonNode active = user.get("active");
        if (active == null || active.isNull()) {
            return null;
        }
        return active.asBoolean() ? "active" : "disabled";
    }

    /** {@code local}, {@code ldap} or {@code upstream}, from Phoenix's extension when present. */
    static @Nullable String source(JsonNode user) {
        return Json.text(user.path(Scim.PHOENIX_USER), "source");
    }

    static @Nullable String groups(JsonNode user) {
        return Text.joinReferences(user.get("groups"));
    }
}
