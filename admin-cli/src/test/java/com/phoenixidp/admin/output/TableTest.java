package com.phoenixidp.admin.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.phoenixidp.admin.http.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void printWhenRowsThenColumnsAlignedTwoSpacesApartWithoutTrailingBlanks() {
        Table table = new Table("name", "status").row("carol", "active").row("bartholomew", null);

        assertThat(print(table, "none")).isEqualTo("NAME         STATUS\ncarol        active\nbartholomew  -\n");
    }

    @Test
    void printWhenNoRowsThenMessageOnly() {
        assertThat(print(new Table("name"), "No users.")).isEqualTo("No users.\n");
    }

    @Test
    void printWhenCellHasTerminalEscapesThenReplaced() {
        Table table = new Table("name").row("evil\u001b]0;pwned\u0007\u202Egnp.exe\r\nx");

        assertThat(print(table, "")).isEqualTo("NAME\nevil?]0;pwned??gnp.exe??x\n");
    }

    @Test
    void oneLineWhenMultilineMessageThenJoined() {
        assertThat(Text.oneLine("first\r\n  second\tthird")).isEqualTo("first   second third");
    }

    @Test
    void joinReferencesWhenDisplayLeftOutThenValue() {
        JsonNode members = Json.parseOrNull("[{\"value\":\"u-1\",\"display\":\"carol\"},{\"value\":\"u-2\"}]");

        assertThat(Text.joinReferences(members)).isEqualTo("carol, u-2");
    }

    private static String print(Table table, String empty) {
        StringWriter out = new StringWriter();
        table.print(new PrintWriter(out, true), empty);
        return out.toString();
    }
}
