package dev.ghillie.preview.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A runnable base image made offline from the build JDK: a jlinked Java runtime at
 * /opt/java/openjdk plus the host's shared libraries {@code ldd} lists for it, written as a
 * docker-archive tar for {@code ghillie.preview.baseImage=tar://...}. Linux only.
 *
 * <p>Also a command, for offline end-to-end runs (from the plugin module, after test-compile):
 * {@code java -cp "target/test-classes:$(cat target/test-cp.txt)" dev.ghillie.preview.image.JlinkBaseImage /tmp/jlink-base.tar}
 * where test-cp.txt comes from {@code mvn dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt}.
 */
public final class JlinkBaseImage {

    /**
     * What ghillie-runtime needs (Helidon, the PostgreSQL driver, Jedis), and jdk.httpserver for the tiny service of
     * the startup cache tests, and the debugger's agent (jdk.jdwp.agent) as the JRE images users base on have it, for
     * {@code -Dghillie.preview.debug} in the end-to-end tier; modules the JDK lacks are left out.
     */
    static final List<String> MODULES = List.of(
            "java.base",
            "java.logging",
            "java.naming",
            "java.sql",
            "java.management",
            "jdk.unsupported",
            "java.security.jgss",
            "jdk.crypto.ec",
            "java.xml",
            "jdk.httpserver",
            "jdk.jdwp.agent");

    static final String JAVA_HOME = "/opt/java/openjdk";
    private static final Pattern LDD_PATH = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

    private final Path jdk;
    private final List<String> modules;

    public JlinkBaseImage(Path jdk) {
        this(jdk, MODULES);
    }

    /** A base with other modules, e.g. the stand-in operators' controller needs java.net.http for fabric8's JDK client. */
    public JlinkBaseImage(Path jdk, List<String> modules) {
        this.jdk = jdk;
        this.modules = List.copyOf(modules);
    }

    /** The JDK the build runs on (surefire passes it as ghillie.java.home), else the one running this. */
    public static JlinkBaseImage fromBuildJdk() {
        return new JlinkBaseImage(Path.of(System.getProperty("ghillie.java.home", System.getProperty("java.home"))));
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: JlinkBaseImage <output.tar>   (uses the JDK running it)");
            System.exit(2);
        }
        Path tar = Path.of(args[0]).toAbsolutePath();
        Path work = Files.createTempDirectory("ghillie-jlink-");
        new JlinkBaseImage(Path.of(System.getProperty("java.home"))).write(work, tar);
        System.out.println("base image written to " + tar + " (use -Dghillie.preview.baseImage=tar://" + tar + ")");
    }

    /** Writes the base image tar and returns it; {@code work} holds the jlinked runtime and Jib's cache. */
    public Path write(Path work, Path tar) throws Exception {
        Path runtime = work.resolve("jre");
        run(List.of(
                jdk.resolve("bin/jlink").toString(),
                "--add-modules",
                String.join(",", availableModules()),
                "--strip-debug",
                "--no-header-files",
                "--no-man-pages",
                "--output",
                runtime.toString()));
        FileEntriesLayer.Builder libraries = FileEntriesLayer.builder().setName("shared libraries");
        for (Path library : sharedLibraries(runtime)) {
            libraries.addEntry(
                    library.toRealPath(),
                    AbsoluteUnixPath.get(library.toString()),
                    FilePermissions.fromOctalString("755"),
                    Instant.EPOCH.plusSeconds(1));
        }
        FileEntriesLayer.Builder java = FileEntriesLayer.builder().setName("java runtime");
        try (Stream<Path> files = Files.walk(runtime)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String mode = Files.isExecutable(file) ? "755" : "644";
                java.addEntry(
                        file,
                        AbsoluteUnixPath.get(JAVA_HOME + "/" + runtime.relativize(file)),
                        FilePermissions.fromOctalString(mode),
                        Instant.EPOCH.plusSeconds(1));
            }
        }
        Jib.fromScratch()
                .setFileEntriesLayers(libraries.build(), java.build())
                .addEnvironmentVariable("JAVA_HOME", JAVA_HOME)
                .addEnvironmentVariable("PATH", JAVA_HOME + "/bin:/usr/bin:/bin")
                // The build JDK's own platform: Jib would say linux/amd64 of an arm64 JVM.
                .setPlatforms(Set.of(new Platform(
                        ImagePlatform.ofMachine(System.getProperty("os.arch")).architecture(), "linux")))
                .containerize(Containerizer.to(TarImage.at(tar)
                                .named("ghillie-jlink-base:" + Runtime.version().feature()))
                        .setApplicationLayersCache(work.resolve("jib-cache")));
        return tar;
    }

    private List<String> availableModules() throws IOException, InterruptedException {
        String listed = run(List.of(jdk.resolve("bin/java").toString(), "--list-modules"));
        Set<String> present = new TreeSet<>();
        listed.lines().map(line -> line.split("@")[0].strip()).forEach(present::add);
        return modules.stream().filter(present::contains).toList();
    }

    /** Every library the runtime's launcher and native code load, outside the runtime itself. */
    private static Set<Path> sharedLibraries(Path runtime) throws IOException, InterruptedException {
        List<Path> binaries = new ArrayList<>(List.of(runtime.resolve("bin/java")));
        try (Stream<Path> files = Files.walk(runtime.resolve("lib"))) {
            files.filter(p -> p.getFileName().toString().endsWith(".so")).forEach(binaries::add);
        }
        Set<Path> libraries = new TreeSet<>();
        for (Path binary : binaries) {
            Matcher matcher = LDD_PATH.matcher(run(List.of("ldd", binary.toString())));
            while (matcher.find()) {
                Path library = Path.of(matcher.group(1)).normalize();
                if (!library.startsWith(runtime)) {
                    libraries.add(library);
                }
            }
        }
        return libraries;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
