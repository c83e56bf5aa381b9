package dev.ghillie.preview.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * docs/image.md promises that the same inputs give the same digest. That must hold for the image
 * ghillie-runtime builds by default: with the {@code ghillie.preview.startupCache} its pom states (or the
 * command line's, which failsafe passes on), two clean builds of the real runtime, each in its own output
 * folder (no reused tar, no reused training), must give one digest. A trained startup cache is not
 * deterministic (docs/benchmarks.md), so turning it on in the runtime's pom fails here.
 */
class ImageReproducibilityIT {

    private static final String STARTUP_CACHE = "ghillie.preview.startupCache";
    private static final String RUNTIME_POM = "ghillie.runtime.pom";
    private static final String POM_NAMESPACE = "http://maven.apache.org/POM/4.0.0";

    @TempDir
    Path work;

    @Test
    void twoCleanBuildsOfTheRuntimeWithItsDefaultsGiveOneDigest() throws Exception {
        String runtimePom = System.getProperty(RUNTIME_POM);
        assumeTrue(runtimePom != null, "skipped: run through failsafe, which passes " + RUNTIME_POM);
        String startupCache = System.getProperty(STARTUP_CACHE, startupCacheOf(Path.of(runtimePom)));
        // With the cache on, only a Linux JDK 25 trains one; elsewhere both builds would go without and agree.
        assumeTrue(
                System.getProperty("os.name").equals("Linux")
                        && Runtime.version().feature() >= 25,
                "skipped: needs Linux and a JDK 25 build JDK, which could train a startup cache if the default asked for one");
        BuiltRuntime runtime = RuncSmokeIT.builtRuntimeOrSkip();
        Path base = JlinkBaseImage.fromBuildJdk()
                .write(Files.createDirectories(work.resolve("jlink")), work.resolve("base.tar"));

        ImageResult first = new RuntimeImageBuilder(new RecordingLog())
                .build(runtime.imageOn(base, runtime.classes(), work.resolve("one"), "repro")
                        .startupCache(Boolean.parseBoolean(startupCache))
                        .build());
        ImageResult second = new RuntimeImageBuilder(new RecordingLog())
                .build(runtime.imageOn(base, runtime.classes(), work.resolve("two"), "repro")
                        .startupCache(Boolean.parseBoolean(startupCache))
                        .build());

        assertThat(second.digest())
                .as("digest of a second clean build with %s=%s", STARTUP_CACHE, startupCache)
                .isEqualTo(first.digest());
    }

    /** The property as the runtime's pom states it: the value its builds give the plugin unless told otherwise. */
    private static String startupCacheOf(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        NodeList properties = factory.newDocumentBuilder()
                .parse(pom.toFile())
                .getDocumentElement()
                .getElementsByTagNameNS(POM_NAMESPACE, "properties");
        for (int i = 0; i < properties.getLength(); i++) {
            Element block = (Element) properties.item(i);
            // The project's own properties, not a profile's.
            if (block.getParentNode() == block.getOwnerDocument().getDocumentElement()) {
                NodeList value = block.getElementsByTagNameNS(POM_NAMESPACE, STARTUP_CACHE);
                if (value.getLength() == 1) {
                    return value.item(0).getTextContent().strip();
                }
            }
        }
        throw new AssertionError(pom + " states no " + STARTUP_CACHE
                + ": state it there (this test builds the runtime's image with the runtime's own value)");
    }
}
