package dev.ghillie.preview;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin's structure as docs/architecture.md draws it, checked on the main classes' bytecode. Each rule's
 * {@code because} says what to move where when it fails.
 */
// Each rule fails when broken. Put back on purpose, kube.PlatformWaitsOnKube implementing platform.PlatformWaits (the
// cycle this structure removed) and naming "postgresql.cnpg.io", failed three rules; the client-package rule printed:
//
// java.lang.AssertionError:
// Architecture Violation [Priority: MEDIUM] - Rule 'no classes that reside in any package
// ['dev.ghillie.preview.kube..',
// 'dev.ghillie.preview.helm..', 'dev.ghillie.preview.process..'] should depend on classes that reside in any package
// ['dev.ghillie.preview.lifecycle..', 'dev.ghillie.preview.platform..', 'dev.ghillie.preview.image..',
// 'dev.ghillie.preview.cluster..'], because kube, helm and process wrap one client each (fabric8, helm-java, external
// programs) and offer generic operations; what a step, an operator, an image or a cluster is belongs to lifecycle,
// platform, image or cluster: move that knowledge up there and have it call the client package' was violated (1 times):
// Class <dev.ghillie.preview.kube.PlatformWaitsOnKube> implements interface
// <dev.ghillie.preview.platform.PlatformWaits> in (PlatformWaitsOnKube.java:0)
//
// the cycle rule: "Cycle detected: Slice kube -> Slice platform -> Slice kube", with each side's dependencies listed;
// the operator rule: "dev.ghillie.preview.kube.PlatformWaitsOnKube names 'cnpg.io'".
class ArchitectureTest {

    private static final String PREVIEW = "dev.ghillie.preview";

    /**
     * The operators' API names: their CRDs' groups and the labels they put on what they make. The chart coordinates a user
     * may override (the settings' defaults) and the setting's words ({@code hyperspike}, {@code valkey-io}) are settings'.
     */
    private static final List<String> OPERATOR_API_NAMES =
            List.of("cnpg.io", "hyperspike.io", "valkey.io/v1", "valkey.io/cluster");

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(PREVIEW);
    }

    /** docs/architecture.md's diagram, top to bottom: a package uses only packages on lines below its own. */
    private static final List<List<String>> LAYERS = List.of(
            List.of("mojo"),
            List.of("lifecycle", "gitops"),
            List.of("provider", "image", "platform"),
            List.of("settings"),
            List.of("cluster"),
            List.of("helm", "kube", "process"));

    @Test
    void eachPackageUsesOnlyTheLayersBelowIt() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (List<String> line : LAYERS) {
            for (String pkg : line) {
                layers = layers.layer(pkg).definedBy(PREVIEW + "." + pkg + "..");
            }
        }
        List<String> above = new ArrayList<>();
        for (List<String> line : LAYERS) {
            for (String pkg : line) {
                layers = above.isEmpty()
                        ? layers.whereLayer(pkg).mayNotBeAccessedByAnyLayer()
                        : layers.whereLayer(pkg).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
            }
            above.addAll(line);
        }
        layers.because(
                        "docs/architecture.md draws the layers: a package that needs one on its own line or above has the"
                                + " call upside down; move the shared type down, or pass a value from above; if the layers really changed,"
                                + " change the diagram there and LAYERS here together")
                .check(main);
    }

    @Test
    void onlyTheMojosKnowMaven() {
        noClasses()
                .that()
                .resideOutsideOfPackage(PREVIEW + ".mojo..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.maven..")
                .because(
                        "the engine knows nothing of Maven: a mojo translates its parameters into settings records and its log"
                                + " into the engine's progress; move the Maven type's use into dev.ghillie.preview.mojo and pass plain values")
                .check(main);
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching(PREVIEW + ".(*)..")
                .should()
                .beFreeOfCycles()
                .because(
                        "calls go downwards only (docs/architecture.md): move the type both sides need into the lower package,"
                                + " or let the upper one pass what the lower needs as a value or an interface the lower package owns")
                .check(main);
    }

    @Test
    void theClientPackagesKnowNothingAboveThem() {
        noClasses()
                .that()
                .resideInAnyPackage(PREVIEW + ".kube..", PREVIEW + ".helm..", PREVIEW + ".process..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        PREVIEW + ".lifecycle..", PREVIEW + ".platform..", PREVIEW + ".image..", PREVIEW + ".cluster..")
                .because(
                        "kube, helm and process wrap one client each (fabric8, helm-java, external programs) and offer generic"
                                + " operations; what a step, an operator, an image or a cluster is belongs to lifecycle, platform, image or"
                                + " cluster: move that knowledge up there and have it call the client package")
                .check(main);
    }

    @Test
    void onlyThePlatformNamesTheOperators() {
        noClasses()
                .that()
                .resideOutsideOfPackages(PREVIEW + ".platform..", PREVIEW + ".gitops..")
                .should(nameAnyOf(OPERATOR_API_NAMES))
                .because(
                        "what a CloudNativePG or Valkey resource is (its API group, kind, labels, readiness) is the platform"
                                + " package's (gitops renders the same resources as files): move the name into dev.ghillie.preview.platform"
                                + " and expose what others need as a platform type (OperatorTarget, PreviewData)")
                .check(main);
    }

    /** Reads the class file's constant pool as text: string literals, annotation values and inlined constants are there. */
    private static ArchCondition<JavaClass> nameAnyOf(List<String> names) {
        return new ArchCondition<>("name an operator's API (" + String.join(", ", names) + ")") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                String constants = classFileText(javaClass);
                names.stream()
                        .filter(constants::contains)
                        .forEach(name -> events.add(SimpleConditionEvent.satisfied(
                                javaClass, javaClass.getName() + " names '" + name + "'")));
            }
        };
    }

    private static String classFileText(JavaClass javaClass) {
        try (InputStream in =
                javaClass.getSource().orElseThrow().getUri().toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the class file of " + javaClass.getName(), e);
        }
    }
}
