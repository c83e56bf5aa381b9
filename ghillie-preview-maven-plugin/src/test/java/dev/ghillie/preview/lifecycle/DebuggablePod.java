package dev.ghillie.preview.lifecycle;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

/** A ready pod of release ghillie whose container declares the chart's debugger port, as DebugForward looks for. */
public final class DebuggablePod {

    private DebuggablePod() {}

    public static Pod ready(String name, int jdwpPort) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("app.kubernetes.io/instance", "ghillie")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("ghillie")
                .withImage("ghillie:dev")
                .addNewPort()
                .withName(DebugForward.PORT_NAME)
                .withContainerPort(jdwpPort)
                .endPort()
                .endContainer()
                .endSpec()
                .withNewStatus()
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .endCondition()
                .endStatus()
                .build();
    }
}
