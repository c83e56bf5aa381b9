package dev.ghillie.preview.dev;

import dev.ghillie.preview.DurationText;
import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.image.ImageResult;
import dev.ghillie.preview.lifecycle.PreviewAccess;
import dev.ghillie.preview.lifecycle.PreviewProbe;
import dev.ghillie.preview.settings.ServiceConventions;
import dev.ghillie.preview.settings.VersionCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The round is over when the URL answers {@code /version} with the digest just built, as {@code up}'s last step
 * proves it; here the old pods may still answer for a moment (Traefik, or the Service's endpoints, follow the
 * rollout a little later), so it asks again until the deadline rather than failing on the first old answer. A
 * service without a JSON {@code /version} (or {@code versionCheck=off}) is done once its health path answers.
 */
public final class VersionServing implements ServingCheck {

    private final PreviewProbe probe;
    private final ServiceConventions service;
    private final Duration timeout;

    public VersionServing(PreviewProbe probe, ServiceConventions service, Duration timeout) {
        this.probe = probe;
        this.service = service;
        this.timeout = timeout;
    }

    @Override
    public void await(PreviewAccess access, ImageResult image) {
        Instant deadline = Instant.now().plus(timeout);
        probe.awaitHealthy(access.url(), service.healthPath(), timeout);
        if (service.versionCheck() == VersionCheck.OFF) {
            return;
        }
        Optional<String> last = Optional.empty();
        do {
            PreviewProbe.VersionReport report;
            try {
                report = probe.version(access.url());
            } catch (PreviewException e) {
                // The way in may be between pods; ask again until the deadline.
                pause();
                continue;
            }
            switch (report) {
                case PreviewProbe.VersionReport.NotJson notJson -> {
                    return;
                }
                case PreviewProbe.VersionReport.Json json -> {
                    if (json.imageDigest().equals(Optional.of(image.digest()))) {
                        return;
                    }
                    last = json.imageDigest();
                }
            }
            pause();
        } while (Instant.now().isBefore(deadline));
        throw new PreviewException(access.url() + "/version still reports image " + last.orElse("(none)") + " after "
                + DurationText.of(timeout) + ", not the one just rolled out (" + image.digest()
                + "): an older pod still answers,"
                + " or the chart does not pass GHILLIE_IMAGE_DIGEST (image.digest / image.buildDigest)");
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreviewException("interrupted while waiting for the new image to answer");
        }
    }
}
