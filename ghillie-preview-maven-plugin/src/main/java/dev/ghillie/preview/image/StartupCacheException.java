package dev.ghillie.preview.image;

/**
 * Why no startup cache could be made; the image is then built without one, and the message says why. Most reasons
 * hold as long as the inputs do (the next build would fail the same way); {@link #passing} ones may not.
 */
public final class StartupCacheException extends RuntimeException {

    private final boolean lasting;

    public StartupCacheException(String message) {
        this(message, null, true);
    }

    public StartupCacheException(String message, Throwable cause) {
        this(message, cause, true);
    }

    private StartupCacheException(String message, Throwable cause, boolean lasting) {
        super(message, cause);
        this.lasting = lasting;
    }

    /** A reason the next build may not meet, such as no free port. */
    public static StartupCacheException passing(String message, Throwable cause) {
        return new StartupCacheException(message, cause, false);
    }

    /** Whether the same inputs would fail the same way. */
    public boolean lasting() {
        return lasting;
    }
}
