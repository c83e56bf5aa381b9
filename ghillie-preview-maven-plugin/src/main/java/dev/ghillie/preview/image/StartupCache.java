package dev.ghillie.preview.image;

import dev.ghillie.preview.FileStamps;
import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.Sha256;
import dev.ghillie.preview.SkipRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes the startup cache for one image, or says in one warning line why it cannot and lets the image be built
 * without it (it starts more slowly, nothing else changes). The cache is trained again only when what it was
 * made from changed: the base image, the JVM flags, the main class or any jar's content; otherwise the last one
 * is reused. A code change does change the module's jar, so it costs one training run.
 */
public final class StartupCache {

    /** Bump when the training or the layout changes, so an older plugin's cache is never reused. */
    private static final String FORMAT = "ghillie-startup-cache/2";

    static final String FILE_NAME = "startup.aot";
    /** JDK 25 writes the cache in the training run itself (JEP 514) and keeps method profiles in it (JEP 515). */
    static final int MINIMUM_JDK = 25;

    static final String SUGGESTED_BASE = "eclipse-temurin:25-jre";
    static final String PROPERTY = "ghillie.preview.startupCache";
    /**
     * The chart's memory limit (values.yaml; local previews get 384Mi): any heap under 32 GB keeps compressed object
     * pointers, which is what a cache and the JVM using it must agree on.
     */
    static final String TRAINING_MEMORY = "512m";

    private final ProgressSink progress;
    private final String hostOs;
    private final String hostArchitecture;
    private final TrainingRun training;

    /**
     * The cache as made, where the image keeps it, the image's JVM that must run with it (named by its path, not
     * found on the PATH, so that it is the very JVM the cache was trained on), and the base image it was trained
     * on as a docker-archive: the image must be built on exactly that.
     */
    public record Made(Path file, String imagePath, String java, Path base) {
        /** What the image's JVM needs to use it. */
        public String jvmFlag() {
            return "-XX:AOTCache=" + imagePath;
        }
    }

    /**
     * What {@link #prepare} gave.
     *
     * @param made    the cache, if one was made or reused
     * @param settled the cache was made, or the same inputs would fail to make it again (so an image built without
     *                it is what these inputs give, and may be reused)
     */
    public record Outcome(Optional<Made> made, boolean settled) {}

    /** Writes the base image as a docker-archive tar (or names the one it already is). */
    @FunctionalInterface
    public interface BaseArchive {
        Path write(Path suggested) throws Exception;
    }

    /**
     * What the service needs to be run: its main class and JVM flags, where the image puts it, and how it is reached in
     * the training run: its port (the one it listens on when it reads no port variable), the variable that tells it
     * its port, and its health and readiness paths (the service's ghillie.preview.* conventions).
     */
    public record Service(
            String mainClass,
            List<String> jvmFlags,
            String appRoot,
            int port,
            Optional<String> portVariable,
            String healthPath,
            String readyPath) {
        public Service {
            jvmFlags = List.copyOf(jvmFlags);
            Objects.requireNonNull(portVariable, "portVariable");
        }

        /** With ghillie-runtime's port variable and paths. */
        public Service(String mainClass, List<String> jvmFlags, String appRoot) {
            this(
                    mainClass,
                    jvmFlags,
                    appRoot,
                    TrainingRun.Endpoint.RUNTIME.port(),
                    TrainingRun.Endpoint.RUNTIME.portVariable(),
                    TrainingRun.Endpoint.RUNTIME.healthPath(),
                    TrainingRun.Endpoint.RUNTIME.readyPath());
        }

        TrainingRun.Endpoint endpoint() {
            return new TrainingRun.Endpoint(port, portVariable, healthPath, readyPath);
        }
    }

    public StartupCache(ProgressSink progress) {
        this(
                progress,
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                new TrainingRun(Duration.ofSeconds(120), Duration.ofSeconds(180)));
    }

    StartupCache(ProgressSink progress, String hostOs, String hostArchitecture, TrainingRun training) {
        this.progress = progress;
        this.hostOs = hostOs;
        this.hostArchitecture = ImagePlatform.architectureOf(hostArchitecture);
        this.training = training;
    }

    /**
     * @param target        the platforms the image is built for: the training run runs the JVM here, so only this machine's
     * @param base          the base image as a docker-archive; asked for only on a machine that can run its JVM
     * @param workDirectory where the unpacked JVM, the training run and the cache are kept between builds
     */
    public Outcome prepare(
            Service service, ClassPathLayout layout, TargetPlatforms target, BaseArchive base, Path workDirectory) {
        long start = System.nanoTime();
        try {
            if (!hostOs.equals("Linux")) {
                throw new StartupCacheException(
                        "the training run needs a Linux machine to run the base image's JVM, this is " + hostOs);
            }
            ImagePlatform here = ImagePlatform.linux(hostArchitecture);
            if (!target.single() || !target.only().equals(here)) {
                // Checked before the base is fetched: another architecture's JVM cannot run here, and one cache serves
                // one.
                throw new StartupCacheException("the image is built for " + target.describe()
                        + ", and the training run runs the" + " base image's JVM on this machine, " + here);
            }
            Path archiveFile = base.write(workDirectory.resolve("base.tar"));
            try (DockerArchive archive = DockerArchive.open(archiveFile)) {
                String platform = archive.os() + "/" + archive.architecture();
                if (!platform.equals("linux/" + hostArchitecture)) {
                    throw new StartupCacheException("the base image is " + platform + ", this machine linux/"
                            + hostArchitecture + ", so its JVM cannot run here");
                }
                return new Outcome(
                        Optional.of(made(service, layout, archive, archiveFile, workDirectory, start)), true);
            }
        } catch (StartupCacheException e) {
            warn(e.getMessage());
            return new Outcome(Optional.empty(), e.lasting());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            warn("interrupted");
        } catch (Exception e) {
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            warn(e.getClass().getSimpleName() + ": " + message);
        }
        return new Outcome(Optional.empty(), false);
    }

    private void warn(String why) {
        progress.warn("image: no startup cache: " + why + "; the image is built without one (-D" + PROPERTY
                + "=false skips this step)");
    }

    private Made made(
            Service service,
            ClassPathLayout layout,
            DockerArchive archive,
            Path archiveFile,
            Path workDirectory,
            long start)
            throws IOException, InterruptedException {
        String key = key(service, layout, archive.imageId());
        SkipRecord trained = new SkipRecord(workDirectory.resolve("startup-cache.sha256"));
        SkipRecord failed = new SkipRecord(workDirectory.resolve("startup-cache-failed.sha256"));
        Path file = workDirectory.resolve(FILE_NAME);
        Path output = workDirectory.resolve("training.log");
        Made made = new Made(
                file, service.appRoot() + "/" + FILE_NAME, BaseJvm.imageHome(archive) + "/bin/java", archiveFile);
        if (trained.holds(key + " " + FileStamps.stamp(file)) && Files.isRegularFile(file)) {
            progress.step("image: startup cache unchanged, reused");
            return made;
        }
        if (failed.holds(key)) {
            // A service that cannot start in training would cost its whole timeout on every build.
            throw new StartupCacheException(
                    "the training run failed with these same inputs before" + TrainingRun.lastLine(output)
                            + " (all of it: " + output
                            + "); it runs again when the code, the jars, the flags or the base change,"
                            + " or after deleting " + failed.file());
        }
        trained.clear();
        BaseJvm jvm = unpackedJvm(archive, workDirectory);
        if (jvm.version().feature() < MINIMUM_JDK) {
            throw new StartupCacheException(
                    "the base image's JVM is " + jvm.version() + ", and an ahead-of-time cache needs JDK " + MINIMUM_JDK
                            + " or newer: use a JDK " + MINIMUM_JDK + " base such as " + SUGGESTED_BASE);
        }
        Path run = workDirectory.resolve("training");
        LayerUnpacker.deleteTree(run);
        Path appRoot = Files.createDirectories(run.resolve("app"));
        layout.copyTo(appRoot);
        Path written = run.resolve(FILE_NAME);
        List<String> command = new ArrayList<>();
        command.add(jvm.java().toString());
        // A pod's heap: trained on a big machine, the JVM would size the heap past
        // 32 GB, turn compressed object pointers off, and write a cache no pod can map.
        command.add("-XX:MaxRAM=" + TRAINING_MEMORY);
        command.addAll(service.jvmFlags());
        command.add("-XX:AOTCacheOutput=" + written);
        command.addAll(List.of("-cp", layout.classPath(appRoot.toString()), service.mainClass()));
        try {
            training.run(command, appRoot, environment(archive, jvm, run), output, service.endpoint());
            if (!Files.isRegularFile(written) || Files.size(written) == 0) {
                throw new StartupCacheException("the training run wrote no cache" + TrainingRun.lastLine(output)
                        + " (all of it: " + output + ")");
            }
        } catch (StartupCacheException e) {
            if (e.lasting()) {
                failed.write(key);
            }
            throw e;
        }
        failed.clear();
        Files.move(written, file, StandardCopyOption.REPLACE_EXISTING);
        LayerUnpacker.deleteTree(run); // the jars' copies; training.log stays
        trained.write(key + " " + FileStamps.stamp(file));
        progress.step(String.format(
                Locale.ROOT,
                "image: startup cache trained on JDK %s in %.1f s, %d MB",
                jvm.version(),
                (System.nanoTime() - start) / 1e9,
                Files.size(file) / (1024 * 1024)));
        return made;
    }

    /** Unpacks the base's JVM unless the one unpacked last is from the same base image. */
    private static BaseJvm unpackedJvm(DockerArchive archive, Path workDirectory) throws IOException {
        Path home = workDirectory.resolve("jvm");
        SkipRecord unpacked = new SkipRecord(workDirectory.resolve("jvm.id"));
        if (unpacked.holds(archive.imageId())) {
            try {
                return BaseJvm.unpacked(home, BaseJvm.imageHome(archive));
            } catch (StartupCacheException damaged) {
                // The copy was changed or removed since: unpack it again.
            }
        }
        unpacked.clear();
        BaseJvm jvm = BaseJvm.unpack(archive, home);
        unpacked.write(archive.imageId());
        return jvm;
    }

    /** The image's own variables, with JAVA_HOME and PATH pointing at the unpacked JVM; nothing of the build machine's. */
    private static Map<String, String> environment(DockerArchive archive, BaseJvm jvm, Path run) {
        Map<String, String> environment = archive.environment();
        environment.put("JAVA_HOME", jvm.home().toString());
        environment.put("PATH", jvm.home().resolve("bin") + ":/usr/bin:/bin");
        environment.put("HOME", run.toString());
        return environment;
    }

    /** What the cache is made from; the JVM itself does not notice a changed jar, so every jar's content is in it. */
    private static String key(Service service, ClassPathLayout layout, String baseImageId) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                FORMAT,
                "base " + baseImageId,
                "main " + service.mainClass(),
                "flags " + String.join(" ", service.jvmFlags()),
                "root " + service.appRoot(),
                "memory " + TRAINING_MEMORY,
                // How the run reaches the service: a failed run is tried again once they change.
                "endpoint " + service.endpoint()));
        for (ClassPathLayout.Entry entry : layout.entries()) {
            lines.add(entry.relative() + " " + Sha256.ofFile(entry.source()));
        }
        return FileStamps.digest(lines);
    }
}
