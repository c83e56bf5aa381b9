package dev.ghillie.preview.cluster;

import java.util.regex.Pattern;

/**
 * k3d's rule for cluster names (pkg/client/clusterName.go): an RFC 1123 label of at most 32
 * characters. Checked before anything runs, so a bad name never reaches k3d.
 */
public final class ClusterNameValidator {

    public static final int MAX_LENGTH = 32;
    private static final Pattern RFC_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private ClusterNameValidator() {}

    /**
     * @return {@code name}, unchanged, when k3d accepts it
     * @throws ClusterException naming the setting and the rule otherwise
     */
    public static String validate(String name) {
        if (name == null || name.isBlank()) {
            throw new ClusterException("ghillie.preview.cluster (GHILLIE_K3D_CLUSTER) is empty: set it to a k3d cluster"
                    + " name such as ghillie-local");
        }
        if (name.length() > MAX_LENGTH || !RFC_1123_LABEL.matcher(name).matches()) {
            throw new ClusterException("ghillie.preview.cluster '" + name
                    + "' is not a valid k3d cluster name: use at most "
                    + MAX_LENGTH + " lowercase letters, digits and '-', starting and ending with a letter or digit"
                    + " (e.g. ghillie-local)");
        }
        return name;
    }
}
