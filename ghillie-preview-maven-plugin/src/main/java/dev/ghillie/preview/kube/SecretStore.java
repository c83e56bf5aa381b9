package dev.ghillie.preview.kube;

import dev.ghillie.preview.SecretValue;

/** Writes and reads Secrets without printing values; {@link SecretApplier} is the fabric8 implementation. */
public interface SecretStore {

    /** What {@link #apply} did. */
    enum Outcome { CREATED, UPDATED, UNCHANGED }

    /** Creates the Secret, or updates it when its data or labels differ; writes nothing when they do not. */
    Outcome apply(SecretSpec spec);

    /**
     * One key of an existing Secret.
     *
     * @throws KubeException when the Secret or the key does not exist
     */
    SecretValue read(String namespace, String secretName, String key);

    /** Like {@link #read}, waiting for an operator to write the Secret. */
    SecretValue await(String namespace, String secretName, String key, WaitPolicy policy);
}
