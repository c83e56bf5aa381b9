package dev.ghillie.preview.dev;

import dev.ghillie.preview.image.ImageResult;
import dev.ghillie.preview.lifecycle.PreviewAccess;

/** Waits until the preview's URL answers with the given image, as {@code up}'s last step proves it. */
@FunctionalInterface
public interface ServingCheck {

    /**
     * Returns once {@code access} answers and, when the service reports one, with {@code image}'s digest.
     *
     * @throws dev.ghillie.preview.PreviewException when it does not within the deadline, saying what answered
     */
    void await(PreviewAccess access, ImageResult image);
}
