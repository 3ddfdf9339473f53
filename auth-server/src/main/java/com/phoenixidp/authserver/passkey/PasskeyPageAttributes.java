package com.phoenixidp.authserver.passkey;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Page settings the passkey script reads (e.g. whether the login page offers autofill). */
@ControllerAdvice
public class PasskeyPageAttributes {

    private final PasskeyProperties properties;

    public PasskeyPageAttributes(PasskeyProperties properties) {
        this.properties = properties;
    }

    @ModelAttribute("passkeyConditionalUi")
    public String conditionalUi() {
        return this.properties.isConditionalUi() ? "on" : "off";
    }
}
