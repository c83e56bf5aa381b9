package dev.ghillie.preview.image;

/**
 * Where the image build reports progress: one {@link #step} line per stage (shown in batch mode),
 * {@link #detail} for everything Jib says (shown with -X). Called from Jib's worker threads.
 */
public interface ImageLog {

    void step(String line);

    void detail(String line);

    void warn(String line);
}
