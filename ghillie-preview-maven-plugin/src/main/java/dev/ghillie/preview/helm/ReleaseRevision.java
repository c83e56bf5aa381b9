package dev.ghillie.preview.helm;

import java.util.Locale;

/** One revision in a release's history, as Helm stores it. */
public record ReleaseRevision(int revision, String status, String description) {

    public boolean isDeployed() {
        return "deployed".equals(normalisedStatus());
    }

    /** pending-install, pending-upgrade, pending-rollback: a Helm run was interrupted. */
    public boolean isPending() {
        return normalisedStatus().startsWith("pending");
    }

    public boolean isFailed() {
        return "failed".equals(normalisedStatus());
    }

    public boolean isUninstalling() {
        return "uninstalling".equals(normalisedStatus());
    }

    /** Revisions that once served: a later upgrade may start from them. */
    public boolean hasServed() {
        return isDeployed() || "superseded".equals(normalisedStatus());
    }

    private String normalisedStatus() {
        return status == null ? "" : status.toLowerCase(Locale.ROOT).replace(' ', '-');
    }
}
