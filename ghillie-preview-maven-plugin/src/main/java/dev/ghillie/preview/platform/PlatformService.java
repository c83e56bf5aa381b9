package dev.ghillie.preview.platform;

import dev.ghillie.preview.SecretValue;
import java.nio.file.Path;

/** A data service the preview gets through its operator; {@code ensure} converges and returns its URL. */
public interface PlatformService {

    /** The step name shown to the user, e.g. {@code postgresql}. */
    String name();

    /** Installs the operator if needed, applies the instance, waits for it, and returns the connection URL. */
    Result ensure(Path kubeconfig, String namespace);

    /** The URL (a secret: it carries the password) and a short summary for the step line. */
    record Result(SecretValue url, String summary) {}
}
