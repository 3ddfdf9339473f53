package com.phoenixidp.webauthn;

/** The backup eligibility/state flags are inconsistent or changed eligibility (WebAuthn L3 §6.1.3, §7.2 step 18). Reason code {@value #REASON}. */
public final class BackupFlagsException extends WebAuthnCeremonyException {

    private static final long serialVersionUID = 1L;

    /** Stable reason code. */
    public static final String REASON = "bad_backup_flags";

    public BackupFlagsException(String message) {
        super(REASON, message);
    }

    public BackupFlagsException(String message, Throwable cause) {
        super(REASON, message, cause);
    }
}
