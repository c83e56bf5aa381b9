package dev.ghillie.preview.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** NOTES.txt, as a client-only dry-run install prints it (no cluster is contacted). */
class ChartNotesTest {

    @Test
    void withoutIngressNotesExplainPortForward() {
        String notes = notes(UnaryOperator.identity());

        assertThat(notes).contains("kubectl --namespace preview port-forward service/ghillie 8080:8080");
    }

    @Test
    void withHostsNotesGiveTheUrls() {
        String notes =
                notes(install -> install.withValuesFile(ChartUnderTest.valuesFile("values-gitops-example.yaml")));

        assertThat(notes).contains("https://pr-42.preview.example.com/");
    }

    @Test
    void hostlessIngressNotesPointAtTheLoadBalancerPort() {
        String notes = notes(install -> install.withValuesFile(ChartUnderTest.valuesFile("values-local.yaml")));

        assertThat(notes)
                .contains("through the ingress controller's address, any host name, path /")
                .contains("The pod reads Secret ghillie and does not start until it exists.")
                .doesNotContain("port-forward");
    }

    private static String notes(UnaryOperator<InstallCommand> options) {
        InstallCommand install = new Helm(ChartUnderTest.directory())
                .install()
                .withName(ChartUnderTest.RELEASE)
                .withNamespace(ChartUnderTest.NAMESPACE)
                .clientOnly()
                .dryRun();
        return options.apply(install).call().getOutput();
    }
}
