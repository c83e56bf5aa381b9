package dev.ghillie.preview.mojo;

import dev.ghillie.preview.image.ImageLog;
import org.apache.maven.plugin.logging.Log;

/** Image build lines into Maven's log: steps at info, Jib's detail at debug (-X). */
final class MavenImageLog implements ImageLog {

    private final Log log;

    MavenImageLog(Log log) {
        this.log = log;
    }

    @Override
    public void step(String line) {
        log.info(line);
    }

    @Override
    public void detail(String line) {
        if (log.isDebugEnabled()) {
            log.debug(line);
        }
    }

    @Override
    public void warn(String line) {
        log.warn(line);
    }
}
