package dev.ghillie.preview.image;

import java.util.Optional;

/**
 * Makes what the image is built from (the service's classes and libraries) just before Jib reads
 * them. A goal typed on the command line has no lifecycle before it, so the Maven layer supplies a
 * build of the module; when the lifecycle already built it, there is nothing left to do.
 */
@FunctionalInterface
public interface ServiceBuild {

    /** For a module the lifecycle has already packaged. */
    ServiceBuild ALREADY_BUILT = Optional::empty;

    /**
     * Builds the service, or does nothing when it is built.
     *
     * @return what was done, for the step's line; empty when nothing was needed
     * @throws dev.ghillie.preview.PreviewException when the build fails, naming the failing plugin
     */
    Optional<String> run();
}
