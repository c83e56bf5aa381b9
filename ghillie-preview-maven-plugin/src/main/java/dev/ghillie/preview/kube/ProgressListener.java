package dev.ghillie.preview.kube;

/** Receives one human-readable line per notable step (e.g. {@code deployment/ghillie is ready [1/1]}). */
@FunctionalInterface
public interface ProgressListener {

    void progress(String line);

    static ProgressListener silent() {
        return line -> {};
    }
}
