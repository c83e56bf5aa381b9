package dev.ghillie.preview.standin;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import dev.ghillie.preview.image.JlinkBaseImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds the stand-in operators' controller image offline, with Jib on a base jlinked from the build JDK (as the e2e tier's
 * runtime base, plus java.net.http for fabric8's JDK HTTP client): the fabric8 client's jars from the test classpath and
 * this package's classes, run as a non-root user.
 *
 * <p>{@code java -cp "target/test-classes:target/classes:$(cat test-cp.txt)" dev.ghillie.preview.standin.StandinOperatorImage OUT.tar}
 * writes {@code ghillie-standin-operator:1} as a docker-archive tar for {@code k3d image import}.
 */
public final class StandinOperatorImage {

    public static final String REFERENCE = "ghillie-standin-operator:1";
    static final List<String> MODULES = List.of(
            "java.base",
            "java.logging",
            "java.naming",
            "java.net.http",
            "java.sql",
            "java.management",
            "jdk.unsupported",
            "java.security.jgss",
            "jdk.crypto.ec",
            "java.xml");
    /** What fabric8's client needs at run time, by path in the local repository: the client, its model, Jackson, YAML, SLF4J's API. */
    private static final List<String> RUNTIME_JARS = List.of(
            "/io/fabric8/kubernetes-client",
            "/io/fabric8/kubernetes-model-",
            "/io/fabric8/kubernetes-httpclient-jdk/",
            "/io/fabric8/zjsonpatch/",
            "/com/fasterxml/jackson/",
            "/org/yaml/snakeyaml/",
            "/org/snakeyaml/",
            "/org/slf4j/slf4j-api/");

    private static final String PACKAGE =
            StandinOperatorImage.class.getPackageName().replace('.', '/');
    private static final Instant MTIME = Instant.EPOCH.plusSeconds(1);

    private StandinOperatorImage() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: StandinOperatorImage <output.tar>   (classpath: this module's test classpath)");
            System.exit(2);
        }
        Path out = Path.of(args[0]).toAbsolutePath();
        Path work = Files.createTempDirectory("ghillie-standin-image-");
        Path base = new JlinkBaseImage(Path.of(System.getProperty("java.home")), MODULES)
                .write(work, work.resolve("base.tar"));
        FileEntriesLayer.Builder libraries = FileEntriesLayer.builder().setName("libraries");
        FileEntriesLayer.Builder classes = FileEntriesLayer.builder().setName("classes");
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (entry.endsWith(".jar")
                    && RUNTIME_JARS.stream().anyMatch(entry::contains)
                    && !entry.contains("server-mock")) {
                libraries.addEntry(
                        path,
                        AbsoluteUnixPath.get("/app/libs/" + path.getFileName()),
                        FilePermissions.fromOctalString("644"),
                        MTIME);
            } else if (Files.isDirectory(path.resolve(PACKAGE))) {
                try (Stream<Path> files = Files.walk(path.resolve(PACKAGE))) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".class")
                                    && !f.getFileName().toString().contains("Test"))
                            .toList()) {
                        classes.addEntry(
                                file,
                                AbsoluteUnixPath.get("/app/classes/" + path.relativize(file)),
                                FilePermissions.fromOctalString("644"),
                                MTIME);
                    }
                }
            }
        }
        List<String> entrypoint = new ArrayList<>(List.of(
                "/opt/java/openjdk/bin/java",
                "-XX:+UseSerialGC",
                "-XX:-UsePerfData",
                "-Xmx96m",
                "-cp",
                "/app/classes:/app/libs/*",
                StandinOperator.class.getName()));
        Jib.from(TarImage.at(base))
                .setFileEntriesLayers(libraries.build(), classes.build())
                .setEntrypoint(entrypoint)
                .setUser("65532:65532")
                .containerize(Containerizer.to(TarImage.at(out).named(REFERENCE))
                        .setApplicationLayersCache(work.resolve("jib-cache")));
        System.out.println("stand-in operator image " + REFERENCE + " written to " + out);
    }
}
