package dev.ghillie.preview.cluster;

/**
 * {@code k3d image import --mode}. k3d's help text mentions {@code tools}, which k3d itself rejects
 * ({@code Unknown image loading mode 'tools'}); the real default is {@code tools-node}.
 */
public enum ImageImportMode {
    AUTO("auto"),
    DIRECT("direct"),
    TOOLS_NODE("tools-node");

    private final String cliValue;

    ImageImportMode(String cliValue) {
        this.cliValue = cliValue;
    }

    public String cliValue() {
        return cliValue;
    }
}
