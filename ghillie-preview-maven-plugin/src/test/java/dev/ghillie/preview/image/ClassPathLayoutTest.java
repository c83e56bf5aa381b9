package dev.ghillie.preview.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassPathLayoutTest {

    @TempDir
    Path work;

    @Test
    void theModulesJarComesFirstThenTheJarsInMavensOrderOneByOne() throws Exception {
        Path classes = classes();
        List<AppDependency> jars = List.of(
                new AppDependency(jar("a/helidon-webserver-4.5.0.jar"), AppDependency.Kind.RELEASE),
                new AppDependency(jar("b/lib-1.0-SNAPSHOT.jar"), AppDependency.Kind.SNAPSHOT),
                new AppDependency(jar("c/helidon-webserver-4.5.0.jar"), AppDependency.Kind.PROJECT));

        ClassPathLayout layout = ClassPathLayout.write(classes, jars, work.resolve("out/app.jar"));

        assertThat(layout.classPath("/app"))
                .isEqualTo(
                        "/app/app.jar:/app/libs/helidon-webserver-4.5.0.jar:/app/libs/lib-1.0-SNAPSHOT.jar:/app/libs/helidon-webserver-4.5.0-2.jar");
        assertThat(layout.inLayer(ClassPathLayout.Layer.APP))
                .extracting(ClassPathLayout.Entry::relative)
                .containsExactly("app.jar");
        assertThat(layout.inLayer(ClassPathLayout.Layer.SNAPSHOT))
                .extracting(ClassPathLayout.Entry::relative)
                .containsExactly("libs/lib-1.0-SNAPSHOT.jar");
        assertThat(layout.inLayer(ClassPathLayout.Layer.PROJECT))
                .extracting(ClassPathLayout.Entry::source)
                .containsExactly(work.resolve("c/helidon-webserver-4.5.0.jar"));
    }

    @Test
    void theModulesJarHoldsClassesAndResourcesAndIsTheSameForTheSameFiles() throws Exception {
        Path classes = classes();
        Path first = ClassPathLayout.write(classes, List.of(), work.resolve("one/app.jar"))
                .entries()
                .get(0)
                .source();
        Files.setLastModifiedTime(classes.resolve("application.yaml"), java.nio.file.attribute.FileTime.fromMillis(0));
        Path second = ClassPathLayout.write(classes, List.of(), work.resolve("two/app.jar"))
                .entries()
                .get(0)
                .source();

        assertThat(Files.readAllBytes(second))
                .as("file times do not leak into the jar")
                .isEqualTo(Files.readAllBytes(first));
        try (ZipFile zip = new ZipFile(first.toFile())) {
            assertThat(zip.stream().map(java.util.zip.ZipEntry::getName))
                    .containsExactly("application.yaml", "dev/", "dev/x/", "dev/x/Main.class");
        }
        Files.writeString(classes.resolve("dev/x/Main.class"), "changed");
        Path third = ClassPathLayout.write(classes, List.of(), work.resolve("three/app.jar"))
                .entries()
                .get(0)
                .source();
        assertThat(Files.readAllBytes(third)).isNotEqualTo(Files.readAllBytes(first));
    }

    @Test
    void copiesCarryTheImagesFileTime() throws Exception {
        ClassPathLayout layout = ClassPathLayout.write(
                classes(),
                List.of(new AppDependency(jar("a/x.jar"), AppDependency.Kind.RELEASE)),
                work.resolve("out/app.jar"));

        layout.copyTo(work.resolve("training"));

        for (String file : List.of("app.jar", "libs/x.jar")) {
            assertThat(Files.getLastModifiedTime(work.resolve("training").resolve(file))
                            .toInstant())
                    .isEqualTo(ClassPathLayout.FILE_TIME);
        }
        assertThat(work.resolve("training/libs/x.jar")).hasSameBinaryContentAs(work.resolve("a/x.jar"));
    }

    private Path classes() throws Exception {
        Path classes = Files.createDirectories(work.resolve("classes/dev/x"))
                .getParent()
                .getParent();
        Files.writeString(classes.resolve("dev/x/Main.class"), "bytes");
        Files.writeString(classes.resolve("application.yaml"), "server: {}");
        return classes;
    }

    private Path jar(String name) throws Exception {
        Path jar = work.resolve(name);
        Files.createDirectories(jar.getParent());
        return Files.writeString(jar, "jar " + name);
    }
}
