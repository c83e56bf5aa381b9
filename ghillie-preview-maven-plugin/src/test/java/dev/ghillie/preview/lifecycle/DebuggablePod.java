package dev.ghillie.preview.lifecycle;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.Map;

/**
 * Release ghillie's objects as the port-forwards look for them: a ready pod whose container declares the given ports
 * (the chart's debugger port among them for DebugForward), and the Service in front of it.
 */
public final class DebuggablePod {

    static final Map<String, String> LABELS = Map.of("app.kubernetes.io/instance", "ghillie");

    private DebuggablePod() {}

    /** A ready pod declaring only the chart's debugger port. */
    public static Pod ready(String name, int jdwpPort) {
        return ready(name, Map.of(DebugForward.PORT_NAME, jdwpPort));
    }

    /** A ready pod declaring {@code ports} (name to number). */
    public static Pod ready(String name, Map<String, Integer> ports) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(LABELS)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("ghillie")
                .withImage("ghillie:dev")
                .withPorts(ports.entrySet().stream()
                        .map(port -> new ContainerPortBuilder()
                                .withName(port.getKey())
                                .withContainerPort(port.getValue())
                                .build())
                        .toList())
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .endCondition()
                .endStatus()
                .build();
    }

    /** The release's Service: port 80 to the pods' port named {@code http}. */
    public static Service service() {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName("ghillie")
                .withLabels(LABELS)
                .endMetadata()
                .withNewSpec()
                .withSelector(LABELS)
                .addNewPort()
                .withName("http")
                .withPort(80)
                .withTargetPort(new IntOrString("http"))
                .endPort()
                .endSpec()
                .build();
    }
}
