package dev.ghillie.preview.gitops;

import dev.ghillie.preview.settings.ServiceConventions;

/**
 * One ephemeral preview of the tree: its id (a DNS label, e.g. {@code pr-123}), its host
 * {@code <id>.<domain>}, the image it runs (pinned by digest) and the chart it runs it with.
 *
 * @param imageRepository the image's repository with its registry host, without tag or digest
 * @param imageDigest     the manifest digest the pods run ({@code sha256:...})
 * @param chartRepository the Git address of the application's repository, which holds {@code charts/ghillie}
 * @param chartRevision   the commit of that repository whose chart the preview runs
 * @param conventions     the service's port, probes and Secret keys, as the local preview uses them
 */
public record PreviewSpec(
        String id,
        String domain,
        String imageRepository,
        String imageDigest,
        String chartRepository,
        String chartRevision,
        ServiceConventions conventions) {

    public String host() {
        return id + "." + domain;
    }

    public String namespace() {
        return "preview-" + id;
    }
}
