package dev.ghillie.preview.dev;

/** Where the loop's changes come from: the {@link SourceWatcher}, or a test's list. */
@FunctionalInterface
public interface ChangeSource {

    /** Blocks until the next change; {@link InterruptedException} when watching has ended. */
    Change awaitChange() throws InterruptedException;
}
