package dev.ghillie.preview.gitops;

import com.marcnuri.helm.Helm;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders a chart with the values of a GitOps HelmRelease through helm-java's {@code template}, i.e. the Helm
 * library compiled into the plugin, so the end-to-end tier checks what Flux's helm-controller would install:
 * Helm validates the values against the chart's {@code values.schema.json} before rendering, and the output is
 * then dry-run on a real API server by {@code .ci/gitops-check}.
 *
 * <p>A command (from the plugin module, after test-compile; test-cp.txt from
 * {@code mvn dependency:build-classpath -Dmdep.outputFile=... -Dmdep.includeScope=test}):
 * {@code java -cp "target/test-classes:target/classes:$(cat test-cp.txt)" dev.ghillie.preview.gitops.ReleaseValuesTemplate
 * CHART_DIR VALUES_FILE NAMESPACE RELEASE OUT_FILE [KUBE_VERSION]}. Exit 1 with one line on stderr when Helm
 * refuses the values or the chart.
 */
public final class ReleaseValuesTemplate {

    private ReleaseValuesTemplate() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 5 || args.length > 6) {
            System.err.println(
                    "usage: ReleaseValuesTemplate CHART_DIR VALUES_FILE NAMESPACE RELEASE OUT_FILE [KUBE_VERSION]");
            System.exit(2);
        }
        String rendered;
        try {
            var template = new Helm(Path.of(args[0]))
                    .template()
                    .withValuesFile(Path.of(args[1]))
                    .withNamespace(args[2])
                    .withName(args[3]);
            if (args.length == 6) {
                // The capabilities of the cluster the output is dry-run on, not Helm's built-in default.
                template = template.withKubeVersion(args[5]);
            }
            rendered = template.call();
        } catch (RuntimeException helmRefused) {
            // helm-java reports Helm's error as the exception message: that is the line the user needs.
            System.err.println(String.valueOf(helmRefused.getMessage()).strip().replace('\n', ' '));
            System.exit(1);
            return;
        }
        Files.writeString(Path.of(args[4]), rendered);
    }
}
