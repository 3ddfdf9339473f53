package com.phoenixidp.authserver.passkey;

import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.UserRepository;
import com.phoenixidp.webauthn.credential.PasskeyCredentialRepository;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * Success handler of the password form. Users without a second factor continue as usual (saved
 * request or home). For users with {@code mfa=passkey} the password is only the first factor: the
 * sign-in is taken back (the session holds a "passkey pending" marker, the security context is
 * anonymous, so no authorization code can be issued) and the browser goes to the passkey step,
 * or to {@code /account} to register a first passkey.
 */
@Component
public class SecondFactorLoginSuccessHandler implements AuthenticationSuccessHandler {

    static final String MFA_PASSKEY = "passkey";

    private final AuthenticationSuccessHandler delegate = new SavedRequestAwareAuthenticationSuccessHandler();

    private final UserRepository users;

    private final PasskeyUsers passkeyUsers;

    private final PasskeyCredentialRepository credentials;

    private final PasskeySignIn signIn;

    private final AuditLog audit;

    public SecondFactorLoginSuccessHandler(
            UserRepository users,
            PasskeyUsers passkeyUsers,
            PasskeyCredentialRepository credentials,
            PasskeySignIn signIn,
            AuditLog audit) {
        this.users = users;
        this.passkeyUsers = passkeyUsers;
        this.credentials = credentials;
        this.signIn = signIn;
        this.audit = audit;
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException, ServletException {
        PhoenixUser user = this.users.findByUsername(authentication.getName()).orElse(null);
        if (user == null || !MFA_PASSKEY.equals(user.mfa())) {
            com.phoenixidp.authserver.session.UserSessions.recordSignIn(
                    request, request.getSession(true), authentication);
            this.delegate.onAuthenticationSuccess(request, response, authentication);
            return;
        }
        this.signIn.startSecondFactor(request, response, user.username());
        boolean hasPasskey = !this.credentials
                .findByUserHandle(this.passkeyUsers.userHandle(user))
                .isEmpty();
        this.audit.event(
                "login.second_factor_required",
                "username",
                user.username(),
                "method",
                "passkey",
                "enrolled",
                hasPasskey);
        response.sendRedirect(request.getContextPath() + (hasPasskey ? "/login/passkey" : "/account?setup"));
    }
}
