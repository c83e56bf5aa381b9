package dev.ghillie.preview.image.startup;

/** Why no startup cache could be made; the image is then built without one, and the message says why. */
public final class StartupCacheException extends RuntimeException {

    public StartupCacheException(String message) {
        super(message);
    }

    public StartupCacheException(String message, Throwable cause) {
        super(message, cause);
    }
}
