package dev.ghillie.preview.image;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.image.json.PlatformNotFoundInBaseImageException;
import com.google.cloud.tools.jib.image.json.UnlistedPlatformInManifestListException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Turns what Jib throws into one line saying which image, registry, file or setting failed and what to do,
 * keeping the original as the cause for -X: its checked exceptions (registry, I/O, cache directory, the causes
 * of an {@link ExecutionException}), an interruption, and the unchecked ones its API throws for a request it
 * refuses ({@link IllegalStateException}, {@link IllegalArgumentException}), which Maven would otherwise
 * report as an internal error of the plugin.
 */
final class JibFailures {

    private final PlainHttpPolicy plainHttp;

    JibFailures(PlainHttpPolicy plainHttp) {
        this.plainHttp = plainHttp;
    }

    ImageBuildException explain(Exception failure, ImageSettings settings) {
        Throwable cause = failure;
        while (cause instanceof ExecutionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof InterruptedException || cause instanceof ClosedByInterruptException) {
            return interrupted(failure);
        }
        if (failure instanceof RuntimeException) {
            return new ImageBuildException(
                    "Jib failed to build the image (" + summary(failure) + "): run with -X for Jib's own"
                            + " messages and the cause; docs/image.md#feedback-and-errors lists what to check",
                    failure);
        }
        if (cause instanceof CacheDirectoryCreationException) {
            Throwable why = cause.getCause() == null ? cause : cause.getCause();
            return new ImageBuildException(
                    "Jib cannot create its cache directory (" + summary(why) + "): make it writable, or set"
                            + " ghillie.preview.baseImageCache (base image layers) or ghillie.preview.imageOutputDirectory (application layers)"
                            + " to a writable directory",
                    failure);
        }
        String text = String.valueOf(cause.getMessage());
        String targetRegistry = registryOf(settings.imageName());
        boolean aboutTarget = settings.target() == ImageTarget.REGISTRY && text.contains(targetRegistry);
        String registry =
                aboutTarget ? targetRegistry : registryOf(settings.baseImage().reference());
        if (cause instanceof UnlistedPlatformInManifestListException
                || cause instanceof PlatformNotFoundInBaseImageException) {
            return new ImageBuildException(
                    "base image " + settings.baseImage().reference() + " has no image for "
                            + settings.platforms().describe() + ": use a base that has (a multi-platform one such as "
                            + BaseImage.DEFAULT_REFERENCE
                            + "), or set " + TargetPlatforms.PROPERTY + " to a platform the base has",
                    failure);
        }
        if (cause instanceof InsecureRegistryException) {
            return new ImageBuildException(plainHttp.refusal(registry), failure);
        }
        if (cause instanceof RegistryUnauthorizedException unauthorized) {
            return new ImageBuildException(
                    "registry " + registry + " refused access to " + unauthorized.getImageReference()
                            + ": log in with 'docker login " + registry
                            + "' (Jib reads ~/.docker/config.json) or use a registry that needs no login",
                    failure);
        }
        Optional<String> localFile = localFile(cause, settings);
        if (localFile.isPresent()) {
            return new ImageBuildException(
                    "Jib could not read or write " + localFile.get() + " ("
                            + cause.getClass().getSimpleName()
                            + "): check its permissions and the free space on its disk, or run mvn clean",
                    failure);
        }
        if (aboutTarget) {
            return new ImageBuildException(
                    "registry " + targetRegistry + " refused the push of " + settings.imageName() + " ("
                            + summary(cause)
                            + "): check that the registry runs and that ghillie.preview.imageName names it",
                    failure);
        }
        if (settings.target() == ImageTarget.DOCKER
                && text.toLowerCase(Locale.ROOT).contains("docker")) {
            return new ImageBuildException(
                    "the Docker daemon refused the image (" + summary(cause)
                            + "): start Docker, or use -Dghillie.preview.imageTarget=tar",
                    failure);
        }
        if (settings.baseImage().tarFile().isPresent()) {
            return new ImageBuildException(
                    "base image " + settings.baseImage().reference() + " cannot be read (" + summary(cause)
                            + "): give a docker-archive tar, e.g. from 'docker save' or a Jib tar build",
                    failure);
        }
        if (settings.offline()) {
            return new ImageBuildException(
                    "base image " + settings.baseImage().reference()
                            + " is not in Jib's cache and the build is offline (-o):"
                            + " build once online, or use -Dghillie.preview.baseImage=tar:///path/base.tar",
                    failure);
        }
        return new ImageBuildException(baseUnreachable(settings, summary(cause)), failure);
    }

    static ImageBuildException interrupted(Throwable cause) {
        return new ImageBuildException("the image build was interrupted: run the goal again", cause);
    }

    /**
     * Jib refuses a registry target in offline mode ({@code Containerizer.setOfflineMode} throws): said before
     * anything is built. ({@code up}'s ghillie.preview.registry, which forces this target, is refused with its own line
     * by the mojo, where that setting is known.)
     */
    static ImageBuildException offlineRegistryTarget(ImageSettings settings) {
        return new ImageBuildException(
                "ghillie.preview.imageTarget=registry pushes the image to " + registryOf(settings.imageName())
                        + ", and Maven runs offline (-o), where Jib pushes nothing: run without -o, or use -Dghillie.preview.imageTarget=tar");
    }

    /** The local file a file-system failure is about, unless it is the base image's tar (that one has its own message). */
    private static Optional<String> localFile(Throwable cause, ImageSettings settings) {
        if (!(cause instanceof FileSystemException fileFailure) || fileFailure.getFile() == null) {
            return Optional.empty();
        }
        Path file = Path.of(fileFailure.getFile());
        return settings.baseImage().tarFile().filter(file::equals).isPresent()
                ? Optional.empty()
                : Optional.of(fileFailure.getFile());
    }

    static String baseUnreachable(ImageSettings settings, String why) {
        return "base image " + settings.baseImage().reference() + " is not reachable (" + why
                + "): offline? use -Dghillie.preview.baseImage=tar:///path/base.tar, or a mirror such as"
                + " mirror.example.com/" + settings.baseImage().reference();
    }

    private static String registryOf(String reference) {
        try {
            return ImageReference.parse(reference).getRegistry();
        } catch (InvalidImageReferenceException e) {
            return reference;
        }
    }

    private static String summary(Throwable cause) {
        String message = cause.getMessage() == null
                ? ""
                : ": " + cause.getMessage().lines().findFirst().orElse("");
        return cause.getClass().getSimpleName() + message;
    }
}
