package dev.ghillie.preview.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The chart in {@code charts/ghillie}, found through the {@code ghillie.chart.dir} system
 * property that surefire sets, so the tests do not depend on the working directory.
 */
final class ChartUnderTest {

    static final String RELEASE = "ghillie";
    static final String NAMESPACE = "preview";
    /** Default tag: the chart's appVersion. */
    static final String APP_VERSION = "0.1.0";

    static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    private ChartUnderTest() {}

    static Path directory() {
        String property = System.getProperty("ghillie.chart.dir");
        if (property == null || property.isBlank()) {
            throw new IllegalStateException(
                    "system property ghillie.chart.dir is not set: run the tests through Maven (surefire sets it)");
        }
        Path directory = Path.of(property);
        if (!Files.isRegularFile(directory.resolve("Chart.yaml"))) {
            throw new IllegalStateException("ghillie.chart.dir=" + directory + " holds no Chart.yaml");
        }
        return directory;
    }

    static Path valuesFile(String name) {
        return directory().resolve(name);
    }

    /** {@code helm template ghillie charts/ghillie --namespace preview} plus the given options. */
    static Manifests render(UnaryOperator<TemplateCommand> options) {
        return render(directory(), options);
    }

    static Manifests render(Path chart, UnaryOperator<TemplateCommand> options) {
        TemplateCommand template = new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE);
        return Manifests.parse(options.apply(template).call());
    }

    static Manifests renderDefaults() {
        return render(UnaryOperator.identity());
    }

    static Manifests renderWith(String valuesFile) {
        return render(template -> template.withValuesFile(valuesFile(valuesFile)));
    }
}
