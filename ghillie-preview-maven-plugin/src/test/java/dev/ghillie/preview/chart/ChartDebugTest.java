package dev.ghillie.preview.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import org.junit.jupiter.api.Test;

/** {@code debug.port}: JDWP through JAVA_TOOL_OPTIONS, a named container port, and probes a paused JVM survives. */
class ChartDebugTest {

    private static final String AGENT = "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:5005";

    @Test
    void withoutADebugPortTheJvmGetsNoAgentAndTheLivenessProbeStays() {
        Manifests manifests = ChartUnderTest.renderDefaults();

        assertThat(manifests.env("JAVA_TOOL_OPTIONS")).isEmpty();
        assertThat(manifests.container().getPorts())
                .extracting(ContainerPort::getName)
                .containsExactly("http");
        assertThat(manifests.container().getLivenessProbe()).isNotNull();
    }

    @Test
    void aDebugPortStartsTheAgentAndDeclaresThePort() {
        Manifests manifests = ChartUnderTest.render(template -> template.set("debug.port", "5005"));

        assertThat(manifests.env("JAVA_TOOL_OPTIONS")).contains(AGENT);
        assertThat(manifests.container().getPorts())
                .filteredOn(port -> "jdwp".equals(port.getName()))
                .singleElement()
                .satisfies(port -> {
                    assertThat(port.getContainerPort()).isEqualTo(5005);
                    assertThat(port.getProtocol()).isEqualTo("TCP");
                });
    }

    /** A JVM stopped at a breakpoint answers no probe: liveness would restart it; readiness only takes it out of the Service. */
    @Test
    void aDebugPortDropsTheLivenessProbeAndKeepsReadinessAndStartup() {
        Container container = ChartUnderTest.render(template -> template.set("debug.port", "5005"))
                .container();

        assertThat(container.getLivenessProbe()).isNull();
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
        assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/health");
    }

    @Test
    void theAgentIsAppendedToJavaToolOptionsFromTheEnvironmentValues() {
        Manifests manifests = ChartUnderTest.render(template ->
                template.set("env.normal.JAVA_TOOL_OPTIONS", "-Xss1m").set("debug.port", "8000"));

        assertThat(manifests.env("JAVA_TOOL_OPTIONS"))
                .contains("-Xss1m -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:8000");
    }

    @Test
    void aPortOutOfRangeIsASchemaError() {
        assertThatThrownBy(() -> ChartUnderTest.render(template -> template.set("debug.port", "70000")))
                .hasMessageContaining("/debug/port");
    }
}
