package dev.ghillie.preview.dev;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Builds the reactor modules the service depends on whose sources changed, before the service's own build. */
@FunctionalInterface
public interface DependencyBuild {

    /** For a service without dependencies in its reactor. */
    DependencyBuild NONE = roots -> Optional.empty();

    /**
     * @param changedSourceRoots the dependency source roots with a changed file ({@link Change#changedDependencies()})
     * @return what was built, for the round's line; empty when nothing was
     * @throws dev.ghillie.preview.PreviewException when a build fails
     */
    Optional<String> build(List<Path> changedSourceRoots);
}
