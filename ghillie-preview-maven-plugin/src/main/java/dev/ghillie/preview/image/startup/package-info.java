/**
 * The startup cache: a JDK ahead-of-time cache (JDK 25+, JEP 483/514/515), made at image build time by a training
 * run of the service on the base image's own JVM and shipped as the image's top layer, so that every container
 * start maps the classes Helidon and the service load, already linked, instead of reading, verifying and linking
 * them again.
 *
 * <p>{@link dev.ghillie.preview.image.startup.StartupCache} is the edge the image builder calls; the rest is what
 * it needs: reading the base image ({@link dev.ghillie.preview.image.startup.DockerArchive},
 * {@link dev.ghillie.preview.image.startup.BaseJvm}), the class path both the training run and the image use
 * ({@link dev.ghillie.preview.image.startup.ClassPathLayout}), and the run itself
 * ({@link dev.ghillie.preview.image.startup.TrainingRun}).
 */
package dev.ghillie.preview.image.startup;
