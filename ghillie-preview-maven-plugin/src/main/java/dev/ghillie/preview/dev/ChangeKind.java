package dev.ghillie.preview.dev;

/** What a change costs, cheapest first. */
public enum ChangeKind {
    /** Only the chart or a values file changed: upgrade the release with the image already on the nodes. */
    RELEASE,
    /** Classes or resources changed: build the module, then its image, load it, upgrade the release. */
    IMAGE
}
