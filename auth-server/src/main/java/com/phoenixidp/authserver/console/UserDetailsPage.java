package com.phoenixidp.authserver.console;

import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.management.Actor;
import com.phoenixidp.authserver.passkey.PasskeySignIn;
import com.phoenixidp.authserver.passkey.PasskeyUsers;
import com.phoenixidp.authserver.session.SessionInfo;
import com.phoenixidp.authserver.session.UserSessions;
import com.phoenixidp.authserver.user.GroupService;
import com.phoenixidp.authserver.user.PasswordPolicy;
import com.phoenixidp.authserver.user.PhoenixGroup;
import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.webauthn.credential.PasskeyCredentialRepository;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The model of one user's console page: profile, roles with the existing groups to pick from,
 * passkeys and signed-in sessions; and removing one of the user's passkeys (audited with the
 * admin as actor, as the account page audits the user's own removals).
 */
@Component
class UserDetailsPage {

    /** A passkey line: {@code id} is the base64url credential id the remove form posts back. */
    record PasskeyView(
            String id,
            String name,
            Instant created,
            @Nullable Instant lastUsed,
            boolean cloneSuspected) {}

    private final GroupService groups;

    private final UserSessions sessions;

    private final PasskeyUsers passkeyUsers;

    private final PasskeyCredentialRepository credentials;

    private final PasswordPolicy policy;

    private final AuditLog audit;

    UserDetailsPage(
            GroupService groups,
            UserSessions sessions,
            PasskeyUsers passkeyUsers,
            PasskeyCredentialRepository credentials,
            PasswordPolicy policy,
            AuditLog audit) {
        this.groups = groups;
        this.sessions = sessions;
        this.passkeyUsers = passkeyUsers;
        this.credentials = credentials;
        this.policy = policy;
        this.audit = audit;
    }

    String render(PhoenixUser user, Model model) {
        List<SessionInfo> signedIn = this.sessions.list(user.username());
        model.addAttribute("section", "users");
        model.addAttribute("user", user);
        model.addAttribute("sessions", signedIn);
        model.addAttribute("passkeys", passkeys(user));
        if (!model.containsAttribute("rolesValue")) {
            model.addAttribute("rolesValue", String.join(", ", user.roles()));
        }
        model.addAttribute(
                "groupNames",
                this.groups.search(null, 1, 200).items().stream()
                        .map(PhoenixGroup::name)
                        .toList());
        model.addAttribute("minPasswordLength", this.policy.minLength());
        return "admin/user";
    }

    boolean removePasskey(PhoenixUser user, String credentialId, Actor actor) {
        byte[] id;
        try {
            id = Base64.getUrlDecoder().decode(credentialId);
        } catch (IllegalArgumentException ex) {
            return false;
        }
        if (!this.credentials.delete(this.passkeyUsers.userHandle(user), id)) {
            return false;
        }
        this.audit.event(
                "passkey.removed", actor, "user", user.username(), "credential", PasskeySignIn.credentialRef(id));
        return true;
    }

    private List<PasskeyView> passkeys(PhoenixUser user) {
        return this.credentials.findByUserHandle(this.passkeyUsers.userHandle(user)).stream()
                .map((c) -> new PasskeyView(
                        c.credentialIdBase64Url(),
                        c.name(),
                        c.createdAt(),
                        c.lastUsedAt().orElse(null),
                        c.cloneSuspected()))
                .toList();
    }
}
