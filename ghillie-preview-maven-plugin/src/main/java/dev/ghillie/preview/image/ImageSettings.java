package dev.ghillie.preview.image;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import dev.ghillie.preview.settings.ServiceConventions;
import dev.ghillie.preview.settings.SettingValue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything one build of the runtime image needs, validated. Built from the goal's raw parameter
 * values with {@link #builder()}, which turns each wrong value into a message naming its property.
 *
 * @param imageName    repository without a tag, with the registry host for {@link ImageTarget#REGISTRY}
 * @param tag          the configured tag; the content-derived {@code <version>-<image id>} tag comes on top
 * @param labels       OCI labels, in a stable order
 * @param baseImageCache where Jib keeps base image layers; empty for Jib's per-user default
 * @param offline      no network: a registry base image must be in Jib's cache already (Maven's -o)
 * @param dockerExecutable the docker CLI for {@link ImageTarget#DOCKER}; empty for {@code docker} on the PATH
 * @param startupCache  train a startup cache on the base image's JVM and ship it (see {@link StartupCache})
 * @param platforms     what the image is built for: the setting, else this machine until {@code up} asks the cluster's nodes
 * @param containerPort the port the image exposes (the service's ghillie.preview.containerPort)
 * @param portVariable  the variable the image sets to that port; empty for a service that reads none
 * @param healthPath    the service's health path, which the startup cache's training run waits for
 * @param readyPath     the service's readiness path, asked in the training run too
 */
public record ImageSettings(
        BaseImage baseImage,
        ImageTarget target,
        String imageName,
        String tag,
        String version,
        String mainClass,
        List<String> jvmFlags,
        String user,
        Instant creationTime,
        Map<String, String> labels,
        Path classesDirectory,
        List<AppDependency> dependencies,
        Path outputDirectory,
        Optional<Path> baseImageCache,
        boolean offline,
        Optional<Path> dockerExecutable,
        boolean startupCache,
        TargetPlatforms platforms,
        int containerPort,
        Optional<String> portVariable,
        String healthPath,
        String readyPath) {

    /** Heap as a share of the container's memory limit, and a clean restart instead of a half-dead JVM. */
    public static final List<String> DEFAULT_JVM_FLAGS =
            List.of("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");

    public static final String DEFAULT_USER = "65532:65532";
    public static final String APP_ROOT = "/app";

    public ImageSettings {
        jvmFlags = List.copyOf(jvmFlags);
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        dependencies = List.copyOf(dependencies);
    }

    /** Jib's cache of the application layers: per module, so a warm rebuild reuses unchanged layers. */
    public Path applicationCache() {
        return outputDirectory.resolve("jib-cache");
    }

    public Path tarFile() {
        return outputDirectory.resolve("image.tar");
    }

    /** The startup cache's work: the unpacked base JVM, the training run, the cache itself. */
    public Path startupCacheDirectory() {
        return outputDirectory.resolve("startup-cache");
    }

    public Path resultFile() {
        return outputDirectory.resolve("image.json");
    }

    /** The same build for other platforms, e.g. the cluster's nodes' once {@code up} knows them. */
    public ImageSettings withPlatforms(TargetPlatforms other) {
        return new ImageSettings(
                baseImage,
                target,
                imageName,
                tag,
                version,
                mainClass,
                jvmFlags,
                user,
                creationTime,
                labels,
                classesDirectory,
                dependencies,
                outputDirectory,
                baseImageCache,
                offline,
                dockerExecutable,
                startupCache,
                other,
                containerPort,
                portVariable,
                healthPath,
                readyPath);
    }

    /** The same build on another base, e.g. one platform's image of a multi-platform tar. */
    public ImageSettings withBaseImage(BaseImage other) {
        return new ImageSettings(
                other,
                target,
                imageName,
                tag,
                version,
                mainClass,
                jvmFlags,
                user,
                creationTime,
                labels,
                classesDirectory,
                dependencies,
                outputDirectory,
                baseImageCache,
                offline,
                dockerExecutable,
                startupCache,
                platforms,
                containerPort,
                portVariable,
                healthPath,
                readyPath);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects raw values (null or blank means "use the default") and validates them in {@link #build()}. */
    public static final class Builder {
        private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
        private static final Pattern NUMERIC_USER = Pattern.compile("(\\d+)(?::(\\d+))?");

        private String baseImage;
        private String target;
        private String imageName;
        private String imageNameReadFrom = "";
        private String tag;
        private String tagReadFrom = "";
        private String version;
        private String mainClass;
        private List<String> jvmFlags;
        private String user;
        private String creationTime;
        private Clock clock = Clock.systemUTC();
        private String title;
        private String revision;
        private String source;
        private Path classesDirectory;
        private final List<AppDependency> dependencies = new ArrayList<>();
        private Path outputDirectory;
        private Path baseImageCache;
        private boolean offline;
        private Path dockerExecutable;
        private boolean startupCache;
        private String platforms;
        private String machineArchitecture = System.getProperty("os.arch");
        private int containerPort = ServiceConventions.DEFAULT_CONTAINER_PORT;
        private Optional<String> portVariable = Optional.of(ServiceConventions.DEFAULT_PORT_VARIABLE);
        private String healthPath = ServiceConventions.DEFAULT_HEALTH_PATH;
        private String readyPath = ServiceConventions.RUNTIME_READY_PATH;

        private Builder() {}

        public Builder baseImage(String value) {
            this.baseImage = value;
            return this;
        }

        public Builder target(String value) {
            this.target = value;
            return this;
        }

        public Builder imageName(String value) {
            this.imageName = value;
            return this;
        }

        public Builder tag(String value) {
            this.tag = value;
            return this;
        }
        /** As {@link #imageName(String)}; a wrong name read from an environment variable says which. */
        public Builder imageName(SettingValue value) {
            this.imageNameReadFrom = value.readFrom();
            return imageName(value.text());
        }
        /** As {@link #tag(String)}; a wrong tag read from an environment variable says which. */
        public Builder tag(SettingValue value) {
            this.tagReadFrom = value.readFrom();
            return tag(value.text());
        }

        public Builder version(String value) {
            this.version = value;
            return this;
        }

        public Builder mainClass(String value) {
            this.mainClass = value;
            return this;
        }

        public Builder jvmFlags(List<String> value) {
            this.jvmFlags = value;
            return this;
        }

        public Builder user(String value) {
            this.user = value;
            return this;
        }
        /** ISO-8601 instant, seconds since the epoch, {@code EPOCH}, or {@code now} for the build's time. */
        public Builder creationTime(String value) {
            this.creationTime = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder title(String value) {
            this.title = value;
            return this;
        }
        /** The git commit; unresolved Maven expressions such as {@code ${git.commit.id}} count as unknown. */
        public Builder revision(String value) {
            this.revision = value;
            return this;
        }

        public Builder source(String value) {
            this.source = value;
            return this;
        }

        public Builder classesDirectory(Path value) {
            this.classesDirectory = value;
            return this;
        }

        public Builder addDependency(Path jar, AppDependency.Kind kind) {
            dependencies.add(new AppDependency(jar, kind));
            return this;
        }

        public Builder outputDirectory(Path value) {
            this.outputDirectory = value;
            return this;
        }

        public Builder baseImageCache(Path value) {
            this.baseImageCache = value;
            return this;
        }

        public Builder offline(boolean value) {
            this.offline = value;
            return this;
        }

        public Builder dockerExecutable(Path value) {
            this.dockerExecutable = value;
            return this;
        }

        public Builder startupCache(boolean value) {
            this.startupCache = value;
            return this;
        }
        /** {@code linux/arm64} or {@code linux/amd64,linux/arm64}; blank for this machine's (which {@code up} replaces by the nodes'). */
        public Builder platforms(String value) {
            this.platforms = value;
            return this;
        }
        /** This machine's {@code os.arch}, read from the JVM unless a test says otherwise. */
        public Builder machineArchitecture(String value) {
            this.machineArchitecture = value;
            return this;
        }
        /** The port the service listens on and the variable that tells it (from its conventions); ghillie-runtime's by default. */
        public Builder port(int port, Optional<String> variable) {
            this.containerPort = port;
            this.portVariable = variable;
            return this;
        }
        /** The service's health and readiness paths (from its conventions), for the startup cache's training run. */
        public Builder probePaths(String health, String ready) {
            this.healthPath = health;
            this.readyPath = ready;
            return this;
        }

        public ImageSettings build() {
            String name = required(imageName, "imageName");
            String version = known(this.version).orElse("0");
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("org.opencontainers.image.title", known(title).orElse(name));
            labels.put("org.opencontainers.image.version", version);
            known(revision).ifPresent(r -> labels.put("org.opencontainers.image.revision", r));
            known(source).ifPresent(s -> labels.put("org.opencontainers.image.source", s));
            ImageSettings settings = new ImageSettings(
                    BaseImage.parse(baseImage),
                    ImageTarget.parse(target),
                    checkedName(name, imageNameReadFrom),
                    checkedTag(known(tag).orElse("latest"), tagReadFrom),
                    version,
                    required(mainClass, "mainClass"),
                    jvmFlags == null || jvmFlags.isEmpty()
                            ? DEFAULT_JVM_FLAGS
                            : jvmFlags.stream()
                                    .map(String::strip)
                                    .filter(f -> !f.isEmpty())
                                    .toList(),
                    checkedUser(known(user).orElse(DEFAULT_USER)),
                    parseTime(creationTime),
                    labels,
                    Objects.requireNonNull(classesDirectory, "classesDirectory"),
                    dependencies,
                    Objects.requireNonNull(outputDirectory, "outputDirectory"),
                    Optional.ofNullable(baseImageCache),
                    offline,
                    Optional.ofNullable(dockerExecutable),
                    startupCache,
                    known(platforms)
                            .map(TargetPlatforms::parse)
                            .orElseGet(() -> TargetPlatforms.ofMachine(machineArchitecture)),
                    containerPort,
                    portVariable,
                    healthPath,
                    readyPath);
            if (settings.target() == ImageTarget.REGISTRY && offline) {
                // Jib refuses a registry target offline (Containerizer.setOfflineMode throws): said before anything
                // starts.
                throw JibFailures.offlineRegistryTarget(settings);
            }
            return settings;
        }

        private static String checkedName(String name, String readFrom) {
            ImageReference reference;
            try {
                reference = ImageReference.parse(name);
            } catch (InvalidImageReferenceException e) {
                throw new ImageBuildException("ghillie.preview.imageName='" + name
                        + "' is not an image name: use lower-case [registry/]repository, e.g. ghillie-runtime or localhost:5001/ghillie-runtime"
                        + readFrom);
            }
            if (reference.getDigest().isPresent() || !reference.usesDefaultTag() || name.endsWith(":latest")) {
                throw new ImageBuildException("ghillie.preview.imageName='" + name
                        + "' includes a tag or digest: give the repository only and the tag in ghillie.preview.imageTag"
                        + readFrom);
            }
            return name;
        }

        private static String checkedTag(String tag, String readFrom) {
            if (!TAG.matcher(tag).matches()) {
                throw new ImageBuildException("ghillie.preview.imageTag='" + tag
                        + "' is not a tag: use up to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'"
                        + readFrom);
            }
            return tag;
        }

        private static String checkedUser(String user) {
            var matcher = NUMERIC_USER.matcher(user);
            if (!matcher.matches()) {
                throw new ImageBuildException(
                        "ghillie.preview.user='" + user
                                + "' is not numeric: use UID or UID:GID (e.g. 65532:65532) so Kubernetes can check runAsNonRoot");
            }
            if (Long.parseLong(matcher.group(1)) == 0) {
                throw new ImageBuildException("ghillie.preview.user='" + user
                        + "' runs as root: ghillie images run as a non-root user; use e.g. 65532:65532");
            }
            return user;
        }

        private Instant parseTime(String value) {
            Optional<String> text = known(value);
            if (text.isEmpty() || text.get().equalsIgnoreCase("EPOCH")) {
                return Instant.EPOCH;
            }
            String time = text.get();
            if (time.equalsIgnoreCase("now") || time.equalsIgnoreCase("USE_CURRENT_TIMESTAMP")) {
                return clock.instant();
            }
            try {
                if (time.chars().allMatch(Character::isDigit)) {
                    return Instant.ofEpochSecond(Long.parseLong(time));
                }
                return OffsetDateTime.parse(time).toInstant();
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new ImageBuildException(
                        "ghillie.preview.creationTime='" + time
                                + "' is not a time: use an ISO-8601 instant (2026-01-01T00:00:00Z), seconds since 1970, EPOCH, or now (not reproducible)");
            }
        }

        private static String required(String value, String name) {
            return known(value)
                    .orElseThrow(() -> new ImageBuildException(
                            "ghillie.preview." + name + " is not set: the image needs it (see docs/image.md)"));
        }

        private static Optional<String> known(String value) {
            return value == null || value.isBlank() || value.contains("${")
                    ? Optional.empty()
                    : Optional.of(value.strip());
        }
    }
}
