package dev.ghillie.preview.image;

import java.nio.file.Path;

/**
 * One jar on the runtime's classpath and the layer it belongs in: releases change least, so they
 * sit lowest; jars of the same reactor change with almost every build, so they sit just under the
 * resources and classes.
 */
public record AppDependency(Path jar, Kind kind) {

    public enum Kind {
        RELEASE,
        SNAPSHOT,
        PROJECT
    }
}
