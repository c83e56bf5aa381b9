package dev.ghillie.preview.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChangeClassifierTest {

    private static final Path ROOT = Path.of("/repo");
    private static final WatchedInputs INPUTS = new WatchedInputs(
            List.of(ROOT.resolve("service/src/main/java"), ROOT.resolve("service/src/main/resources")),
            List.of(ROOT.resolve("lib/src/main/java")),
            ROOT.resolve("charts/ghillie"),
            List.of(ROOT.resolve("dev-values.yaml")),
            List.of(ROOT.resolve("service/target"), ROOT.resolve("lib/target"), ROOT.resolve("charts/ghillie/target")));

    /** files (space-separated, relative to /repo) | expected: IMAGE, RELEASE or NONE | dependency roots changed */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            service/src/main/java/app/Greeting.java                               | IMAGE   |
            service/src/main/resources/application.properties                     | IMAGE   |
            lib/src/main/java/lib/Util.java                                       | IMAGE   | lib/src/main/java
            charts/ghillie/values.yaml                                            | RELEASE |
            charts/ghillie/templates/deployment.yaml                              | RELEASE |
            dev-values.yaml                                                       | RELEASE |
            charts/ghillie/values.yaml service/src/main/java/app/Greeting.java    | IMAGE   |
            service/target/classes/app/Greeting.class                             | NONE    |
            lib/target/classes/lib/Util.class                                     | NONE    |
            service/src/main/java/app/Greeting.java~                              | NONE    |
            service/src/main/java/app/.#Greeting.java                             | NONE    |
            service/src/main/java/app/.Greeting.java.swp                          | NONE    |
            service/src/main/java/app/.Greeting.java.swx                          | NONE    |
            service/src/main/java/app/4913                                        | NONE    |
            charts/ghillie/values.yaml.tmp                                        | NONE    |
            service/src/main/java/app/Greeting.java___jb_tmp___                   | NONE    |
            service/src/test/java/app/GreetingTest.java                           | NONE    |
            service/pom.xml                                                       | NONE    |
            other-values.yaml                                                     | NONE    |
            service/target/classes/app/Greeting.class dev-values.yaml             | RELEASE |
            service/src/main/java/app/Greeting.java~ charts/ghillie/Chart.yaml    | RELEASE |
            """)
    void classifies(String files, String expected, String dependencies) {
        List<Path> paths =
                Arrays.stream(files.trim().split(" +")).map(ROOT::resolve).toList();
        Optional<Change> change = new ChangeClassifier(INPUTS).classify(paths, Instant.EPOCH);
        if (expected.equals("NONE")) {
            assertThat(change).isEmpty();
            return;
        }
        assertThat(change).map(Change::kind).contains(ChangeKind.valueOf(expected));
        assertThat(change.orElseThrow().changedDependencies())
                .containsExactlyElementsOf(dependencies == null ? List.of() : List.of(ROOT.resolve(dependencies)));
        assertThat(change.orElseThrow().files()).allMatch(new ChangeClassifier(INPUTS)::isInput);
    }
}
