package dev.ghillie.preview.chart;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of the Kubernetes Pod Security Standards "restricted" profile (as enforced by
 * the PodSecurity admission controller), applied to a rendered pod spec. Returns what is
 * violated, so a test failure names the field.
 */
final class RestrictedPodSecurity {

    private static final Set<String> ALLOWED_CAPABILITIES = Set.of("NET_BIND_SERVICE");
    private static final Set<String> ALLOWED_SECCOMP = Set.of("RuntimeDefault", "Localhost");

    private RestrictedPodSecurity() {}

    static List<String> violations(PodSpec pod) {
        List<String> violations = new ArrayList<>();
        PodSecurityContext podContext =
                Optional.ofNullable(pod.getSecurityContext()).orElseGet(PodSecurityContext::new);
        if (Boolean.TRUE.equals(pod.getHostNetwork())
                || Boolean.TRUE.equals(pod.getHostPID())
                || Boolean.TRUE.equals(pod.getHostIPC())) {
            violations.add("host namespaces are shared");
        }
        if (Long.valueOf(0).equals(podContext.getRunAsUser())) {
            violations.add("pod runAsUser is 0");
        }
        for (Volume volume : Optional.ofNullable(pod.getVolumes()).orElse(List.of())) {
            if (volume.getHostPath() != null) {
                violations.add("volume " + volume.getName() + " is a hostPath");
            }
        }
        for (Container container : pod.getContainers()) {
            violations.addAll(containerViolations(container, podContext));
        }
        return violations;
    }

    private static List<String> containerViolations(Container container, PodSecurityContext pod) {
        List<String> violations = new ArrayList<>();
        String name = "container " + container.getName() + ": ";
        SecurityContext context =
                Optional.ofNullable(container.getSecurityContext()).orElseGet(SecurityContext::new);
        if (Boolean.TRUE.equals(context.getPrivileged())) {
            violations.add(name + "privileged");
        }
        if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
            violations.add(name + "allowPrivilegeEscalation is not false");
        }
        Capabilities capabilities =
                Optional.ofNullable(context.getCapabilities()).orElseGet(Capabilities::new);
        if (capabilities.getDrop() == null || !capabilities.getDrop().contains("ALL")) {
            violations.add(name + "capabilities do not drop ALL");
        }
        Optional.ofNullable(capabilities.getAdd()).orElse(List.of()).stream()
                .filter(added -> !ALLOWED_CAPABILITIES.contains(added))
                .forEach(added -> violations.add(name + "adds capability " + added));
        Boolean runAsNonRoot = Optional.ofNullable(context.getRunAsNonRoot()).orElse(pod.getRunAsNonRoot());
        if (!Boolean.TRUE.equals(runAsNonRoot)) {
            violations.add(name + "runAsNonRoot is not true");
        }
        if (Long.valueOf(0).equals(context.getRunAsUser())) {
            violations.add(name + "runAsUser is 0");
        }
        SeccompProfile seccomp =
                Optional.ofNullable(context.getSeccompProfile()).orElse(pod.getSeccompProfile());
        if (seccomp == null || !ALLOWED_SECCOMP.contains(seccomp.getType())) {
            violations.add(name + "seccompProfile is not RuntimeDefault or Localhost");
        }
        Optional.ofNullable(container.getPorts()).orElse(List.of()).stream()
                .filter(port -> port.getHostPort() != null && port.getHostPort() != 0)
                .forEach(port -> violations.add(name + "hostPort " + port.getHostPort()));
        return violations;
    }
}
