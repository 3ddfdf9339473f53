package com.phoenixidp.authserver.console;

import com.phoenixidp.authserver.management.Filter;
import com.phoenixidp.authserver.management.ManagementException;
import com.phoenixidp.authserver.management.Page;
import com.phoenixidp.authserver.user.GroupService;
import com.phoenixidp.authserver.user.PasswordPolicy;
import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.UserDraft;
import com.phoenixidp.authserver.user.UserService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * Console pages for users: the searchable list with the create form, and one page per user with
 * enable/disable, password, roles (groups), passkeys, sessions and delete. Every change goes
 * through {@link UserService} or {@link GroupService} (the rules live there) with the admin as
 * the audited actor; a refusal re-renders the page with the message and the field highlighted.
 */
@Controller
@RequestMapping(path = "/admin/users", headers = "!Authorization")
public class UsersController {

    static final int PAGE_SIZE = 50;

    /** Service field names to the create form's field ids. */
    private static final Map<String, String> CREATE_FIELDS =
            Map.of("userName", "new-username", "emails", "new-email", "password", "new-password");

    /** ... and to the user page's. */
    private static final Map<String, String> USER_FIELDS = Map.of("password", "password", "displayName", "roles");

    private final UserService users;

    private final GroupService groups;

    private final PasswordPolicy policy;

    private final UserDetailsPage detail;

    public UsersController(UserService users, GroupService groups, PasswordPolicy policy, UserDetailsPage detail) {
        this.users = users;
        this.groups = groups;
        this.policy = policy;
        this.detail = detail;
    }

    @GetMapping
    public String list(
            @RequestParam(name = "q", required = false) @Nullable String query,
            @RequestParam(name = "start", defaultValue = "1") int start,
            Model model) {
        Page<PhoenixUser> page = this.users.search(filter(query), Math.max(1, start), PAGE_SIZE);
        model.addAttribute("section", "users");
        model.addAttribute("q", (query == null) ? "" : query.trim());
        model.addAttribute("page", page);
        model.addAttribute("start", page.startIndex());
        model.addAttribute("end", page.startIndex() + page.items().size() - 1);
        model.addAttribute("previous", (page.startIndex() > 1) ? Math.max(1, page.startIndex() - PAGE_SIZE) : null);
        model.addAttribute(
                "next",
                (page.startIndex() - 1 + page.items().size() < page.total()) ? page.startIndex() + PAGE_SIZE : null);
        model.addAttribute("minPasswordLength", this.policy.minLength());
        return "admin/users";
    }

    @PostMapping
    public String create(
            @RequestParam(name = "username", defaultValue = "") String username,
            @RequestParam(name = "email", defaultValue = "") String email,
            @RequestParam(name = "password", defaultValue = "") String password,
            Principal admin,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Model model) {
        PhoenixUser created;
        try {
            UserDraft draft = UserDraft.named(username.trim())
                    .withEmail(email.isBlank() ? null : email.trim(), false)
                    .withPassword(password.isEmpty() ? null : password);
            if (draft.password() == null) {
                throw ManagementException.invalid("password", "required: the new user signs in with it");
            }
            created = this.users.create(draft, ConsoleActors.of(admin, request));
        } catch (ManagementException ex) {
            response.setStatus(ConsolePages.status(ex));
            ConsolePages.refusal(model, ex, CREATE_FIELDS);
            model.addAttribute("newUsername", username);
            model.addAttribute("newEmail", email);
            return list(null, 1, model);
        }
        redirect.addFlashAttribute(ConsolePages.NOTICE, "User " + created.username() + " created.");
        return "redirect:" + path(created.username());
    }

    @GetMapping("/{username}")
    public String user(@PathVariable String username, Model model) {
        return this.detail.render(this.users.getByUsername(username), model);
    }

    @PostMapping("/{username}/disable")
    public String disable(
            @PathVariable String username, Principal admin, HttpServletRequest request, RedirectAttributes redirect) {
        PhoenixUser user = this.users.getByUsername(username);
        this.users.setEnabled(user.id(), false, ConsoleActors.of(admin, request));
        redirect.addFlashAttribute(
                ConsolePages.NOTICE, "User " + user.username() + " disabled: their sessions ended, tokens revoked.");
        return "redirect:" + path(user.username());
    }

    @PostMapping("/{username}/enable")
    public String enable(
            @PathVariable String username, Principal admin, HttpServletRequest request, RedirectAttributes redirect) {
        PhoenixUser user = this.users.getByUsername(username);
        this.users.setEnabled(user.id(), true, ConsoleActors.of(admin, request));
        redirect.addFlashAttribute(ConsolePages.NOTICE, "User " + user.username() + " enabled.");
        return "redirect:" + path(user.username());
    }

    @PostMapping("/{username}/password")
    public String setPassword(
            @PathVariable String username,
            @RequestParam(name = "password", defaultValue = "") String password,
            Principal admin,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Model model) {
        PhoenixUser user = this.users.getByUsername(username);
        try {
            this.users.setPassword(user.id(), password, ConsoleActors.of(admin, request));
        } catch (ManagementException ex) {
            return refused(user, ex, response, model);
        }
        redirect.addFlashAttribute(ConsolePages.NOTICE, "New password set for " + user.username() + ".");
        return "redirect:" + path(user.username());
    }

    @PostMapping("/{username}/roles")
    public String setRoles(
            @PathVariable String username,
            @RequestParam(name = "roles", defaultValue = "") String roles,
            Principal admin,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Model model) {
        PhoenixUser user = this.users.getByUsername(username);
        List<String> names = Arrays.stream(roles.split(","))
                .map(String::trim)
                .filter((r) -> !r.isEmpty())
                .distinct()
                .toList();
        try {
            this.groups.setRoles(user.id(), names, ConsoleActors.of(admin, request));
        } catch (ManagementException ex) {
            model.addAttribute("rolesValue", roles);
            return refused(user, ex, response, model);
        }
        redirect.addFlashAttribute(
                ConsolePages.NOTICE,
                "Roles of " + user.username() + ": " + (names.isEmpty() ? "none" : String.join(", ", names)) + ".");
        return "redirect:" + path(user.username());
    }

    @PostMapping("/{username}/logout")
    public String logoutEverywhere(
            @PathVariable String username, Principal admin, HttpServletRequest request, RedirectAttributes redirect) {
        PhoenixUser user = this.users.getByUsername(username);
        this.users.logoutEverywhere(user.id(), ConsoleActors.of(admin, request));
        redirect.addFlashAttribute(
                ConsolePages.NOTICE, user.username() + " is signed out everywhere: sessions ended, tokens revoked.");
        return "redirect:" + path(user.username());
    }

    @PostMapping("/{username}/passkeys/delete")
    public String removePasskey(
            @PathVariable String username,
            @RequestParam("credentialId") String credentialId,
            Principal admin,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        PhoenixUser user = this.users.getByUsername(username);
        boolean removed = this.detail.removePasskey(user, credentialId, ConsoleActors.of(admin, request));
        redirect.addFlashAttribute(ConsolePages.NOTICE, removed ? "Passkey removed." : "No such passkey.");
        return "redirect:" + path(user.username());
    }

    /** The confirmation step before deleting (a page of its own: no script needed). */
    @GetMapping("/{username}/delete")
    public String confirmDelete(@PathVariable String username, Model model) {
        model.addAttribute("section", "users");
        model.addAttribute("user", this.users.getByUsername(username));
        return "admin/user-delete";
    }

    @PostMapping("/{username}/delete")
    public String delete(
            @PathVariable String username, Principal admin, HttpServletRequest request, RedirectAttributes redirect) {
        PhoenixUser user = this.users.getByUsername(username);
        this.users.delete(user.id(), ConsoleActors.of(admin, request));
        redirect.addFlashAttribute(ConsolePages.NOTICE, "User " + user.username() + " deleted.");
        return "redirect:/admin/users";
    }

    private String refused(PhoenixUser user, ManagementException ex, HttpServletResponse response, Model model) {
        response.setStatus(ConsolePages.status(ex));
        ConsolePages.refusal(model, ex, USER_FIELDS);
        return this.detail.render(this.users.getByUsername(user.username()), model);
    }

    /** A search box query: a part of the username, e-mail address or display name. */
    static @Nullable Filter filter(@Nullable String query) {
        if (query == null || query.isBlank()) {
            return null;
        }
        String q = query.trim();
        return new Filter.Or(
                new Filter.Or(
                        new Filter.Compare("username", Filter.Operator.CO, q),
                        new Filter.Compare("emails", Filter.Operator.CO, q)),
                new Filter.Compare("displayName", Filter.Operator.CO, q));
    }

    static String path(String username) {
        return "/admin/users/" + UriUtils.encodePathSegment(username, java.nio.charset.StandardCharsets.UTF_8);
    }
}
