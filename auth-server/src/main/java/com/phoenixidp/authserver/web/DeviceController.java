package com.phoenixidp.authserver.web;

import java.security.Principal;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The device flow's verification page (RFC 8628 section 3.3): a signed-in user types the code the
 * device shows, or arrives with it filled in from {@code verification_uri_complete} (section 3.3.1,
 * still confirmed by a click). The form goes to Spring Authorization Server's device verification
 * endpoint, which asks for consent on the consent page and comes back here with the outcome.
 */
@Controller
public class DeviceController {

    private static final Map<String, String> ERRORS = Map.of(
            "invalid_grant",
            "That code is not valid or has expired. Check the code on your device and try again.",
            "access_denied",
            "You denied the device access. It will not be able to use your account.");

    @GetMapping("/device")
    public String device(
            Principal principal,
            Model model,
            @RequestParam(name = "user_code", required = false) @Nullable String userCode,
            @RequestParam(name = "success", required = false) @Nullable String success,
            @RequestParam(name = "error", required = false) @Nullable String error) {
        model.addAttribute("principalName", principal.getName());
        model.addAttribute("userCode", (userCode != null && userCode.length() <= 64) ? userCode : "");
        model.addAttribute("success", success != null);
        model.addAttribute("error", (error != null) ? error : null);
        model.addAttribute(
                "errorMessage",
                (error != null)
                        ? ERRORS.getOrDefault(error, "The code could not be verified. Please try again.")
                        : null);
        return "device";
    }
}
