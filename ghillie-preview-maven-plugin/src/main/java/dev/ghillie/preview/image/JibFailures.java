package dev.ghillie.preview.image;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.image.json.PlatformNotFoundInBaseImageException;
import com.google.cloud.tools.jib.image.json.UnlistedPlatformInManifestListException;
import java.util.Locale;
import java.util.concurrent.ExecutionException;

/**
 * Turns what Jib throws into one line saying which image or registry failed and what to do,
 * keeping the original as the cause for -e/-X.
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
        String text = String.valueOf(cause.getMessage());
        String targetRegistry = registryOf(settings.imageName());
        boolean aboutTarget = settings.target() == ImageTarget.REGISTRY && text.contains(targetRegistry);
        String registry = aboutTarget ? targetRegistry : registryOf(settings.baseImage().reference());
        if (cause instanceof UnlistedPlatformInManifestListException || cause instanceof PlatformNotFoundInBaseImageException) {
            return new ImageBuildException("base image " + settings.baseImage().reference() + " has no image for "
                    + settings.platforms().describe() + ": use a base that has (a multi-platform one such as " + BaseImage.DEFAULT_REFERENCE
                    + "), or set " + TargetPlatforms.PROPERTY + " to a platform the base has", failure);
        }
        if (cause instanceof InsecureRegistryException) {
            return new ImageBuildException(plainHttp.refusal(registry), failure);
        }
        if (cause instanceof RegistryUnauthorizedException unauthorized) {
            return new ImageBuildException("registry " + registry + " refused access to " + unauthorized.getImageReference()
                    + ": log in with 'docker login " + registry + "' (Jib reads ~/.docker/config.json) or use a registry that needs no login", failure);
        }
        if (aboutTarget) {
            return new ImageBuildException("registry " + targetRegistry + " refused the push of " + settings.imageName()
                    + " (" + summary(cause) + "): check that the registry runs and that ghillie.preview.imageName names it", failure);
        }
        if (settings.target() == ImageTarget.DOCKER && text.toLowerCase(Locale.ROOT).contains("docker")) {
            return new ImageBuildException("the Docker daemon refused the image (" + summary(cause)
                    + "): start Docker, or use -Dghillie.preview.imageTarget=tar", failure);
        }
        if (settings.baseImage().tarFile().isPresent()) {
            return new ImageBuildException("base image " + settings.baseImage().reference() + " cannot be read (" + summary(cause)
                    + "): give a docker-archive tar, e.g. from 'docker save' or a Jib tar build", failure);
        }
        if (settings.offline()) {
            return new ImageBuildException("base image " + settings.baseImage().reference() + " is not in Jib's cache and the build is offline (-o):"
                    + " build once online, or use -Dghillie.preview.baseImage=tar:///path/base.tar", failure);
        }
        return new ImageBuildException(baseUnreachable(settings, summary(cause)), failure);
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
        String message = cause.getMessage() == null ? "" : ": " + cause.getMessage().lines().findFirst().orElse("");
        return cause.getClass().getSimpleName() + message;
    }
}
