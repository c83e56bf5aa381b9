/**
 * The runtime image, built with jib-core after whatever builds its inputs ({@link dev.ghillie.preview.image.RuntimeImageBuilder}
 * is the edge), and its startup cache: a JDK ahead-of-time cache (JDK 25+, JEP 483/514/515), made at image build time by
 * a training run of the service on the base image's own JVM and shipped as the image's top layer, so that every
 * container start maps the classes Helidon and the service load, already linked, instead of reading, verifying and
 * linking them again. {@link dev.ghillie.preview.image.StartupCache} makes it from the base image
 * ({@link dev.ghillie.preview.image.DockerArchive}, {@link dev.ghillie.preview.image.BaseJvm}), the class path both the
 * training run and the image use ({@link dev.ghillie.preview.image.ClassPathLayout}), and the run itself
 * ({@link dev.ghillie.preview.image.TrainingRun}).
 */
package dev.ghillie.preview.image;
