package dev.ghillie.preview.dev;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code preview:dev} watches, by what a change there costs: the service module's sources and resources and its
 * reactor dependencies' (the image is built from them), and the chart directory and the values files (only the
 * release reads them).
 *
 * @param moduleSources     the service module's source and resource directories
 * @param dependencySources source and resource directories of the service's dependencies in the same reactor
 * @param chartDir          the Helm chart directory
 * @param valuesFiles       the extra values files given to the release
 * @param buildDirs         build directories ({@code target}) anywhere under the roots above: never an input
 */
public record WatchedInputs(
        List<Path> moduleSources,
        List<Path> dependencySources,
        Path chartDir,
        List<Path> valuesFiles,
        List<Path> buildDirs) {

    public WatchedInputs {
        moduleSources = normalised(moduleSources);
        dependencySources = normalised(dependencySources);
        chartDir = chartDir.toAbsolutePath().normalize();
        valuesFiles = normalised(valuesFiles);
        buildDirs = normalised(buildDirs);
    }

    private static List<Path> normalised(List<Path> paths) {
        return paths.stream()
                .map(path -> path.toAbsolutePath().normalize())
                .distinct()
                .toList();
    }
}
