package org.idempiere.subscription.api.host;

/** A message the host could not send, with the mail server's reason. */
public final class MailFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean permanent;

    /**
     * @param reason    why, as the mail server or the host said it
     * @param permanent whether trying again cannot help (an invalid address), rather than a
     *                  passing failure (the server down, a timeout)
     */
    public MailFailure(String reason, boolean permanent) {
        super(reason);
        this.permanent = permanent;
    }

    /** @return whether trying again cannot help */
    public boolean permanent() {
        return permanent;
    }
}
