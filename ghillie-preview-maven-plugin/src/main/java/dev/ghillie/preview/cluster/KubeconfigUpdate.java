package dev.ghillie.preview.cluster;

/**
 * What {@code k3d cluster create} may do to the user's default kubeconfig ({@code ~/.kube/config}).
 * The plugin itself always uses the file from {@code k3d kubeconfig write}.
 */
public enum KubeconfigUpdate {
    /** Leave the default kubeconfig alone (the default: a preview must not change the user's context). */
    NONE("false", "false"),
    /** Add the {@code k3d-NAME} context, keep the current context. */
    MERGE("true", "false"),
    /** Add the {@code k3d-NAME} context and make it current. */
    MERGE_AND_SWITCH("true", "true");

    private final String updateDefault;
    private final String switchContext;

    KubeconfigUpdate(String updateDefault, String switchContext) {
        this.updateDefault = updateDefault;
        this.switchContext = switchContext;
    }

    String updateDefaultFlag() {
        return "--kubeconfig-update-default=" + updateDefault;
    }

    String switchContextFlag() {
        return "--kubeconfig-switch-context=" + switchContext;
    }
}
