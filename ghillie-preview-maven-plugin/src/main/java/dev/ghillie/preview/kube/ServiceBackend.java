package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A ready pod behind a Service and the pod port a Service port leads to, found the way kube-proxy would: through
 * the Service's selector and the port's {@code targetPort} (a number, or a container port's name).
 *
 * @param pod     the chosen pod's name
 * @param podPort the container port to connect to
 */
record ServiceBackend(String pod, int podPort) {

    /**
     * @param servicePort the Service's {@code port}; 0 for its first port
     */
    static ServiceBackend resolve(KubernetesClient client, String namespace, String serviceName, int servicePort) {
        Service service =
                client.services().inNamespace(namespace).withName(serviceName).get();
        String what = "Service " + serviceName + " in namespace " + namespace;
        if (service == null) {
            throw new KubeException(what + " does not exist: check the release name and that the chart was installed.");
        }
        Map<String, String> selector = service.getSpec().getSelector();
        if (selector == null || selector.isEmpty()) {
            throw new KubeException(what + " has no pod selector, so there is no pod to forward to.");
        }
        ServicePort port = port(service, servicePort, what);
        List<Pod> ready = client.pods().inNamespace(namespace).withLabels(selector).list().getItems().stream()
                .filter(PodReadiness::isReady)
                // The newest pod: after a rollout it is the one serving the new version.
                .sorted(Comparator.comparing(
                                (Pod p) -> p.getMetadata().getCreationTimestamp(),
                                Comparator.nullsFirst(Comparator.naturalOrder()))
                        .reversed()
                        .thenComparing(p -> p.getMetadata().getName()))
                .toList();
        if (ready.isEmpty()) {
            throw new KubeException(what + " has no ready pod behind it (selector " + LabelSelection.selector(selector)
                    + "): wait for the rollout to finish, then retry.");
        }
        Pod pod = ready.getFirst();
        return new ServiceBackend(pod.getMetadata().getName(), podPort(pod, port, what));
    }

    private static ServicePort port(Service service, int servicePort, String what) {
        List<ServicePort> ports = service.getSpec().getPorts() == null
                ? List.of()
                : service.getSpec().getPorts();
        if (ports.isEmpty()) {
            throw new KubeException(what + " declares no ports.");
        }
        if (servicePort == 0) {
            return ports.getFirst();
        }
        return ports.stream()
                .filter(p -> p.getPort() != null && p.getPort() == servicePort)
                .findFirst()
                .orElseThrow(() -> new KubeException(what + " has no port " + servicePort + "; its ports are "
                        + ports.stream().map(p -> String.valueOf(p.getPort())).collect(Collectors.joining(", "))
                        + "."));
    }

    private static int podPort(Pod pod, ServicePort port, String what) {
        IntOrString target = port.getTargetPort();
        if (target == null || (target.getIntVal() == null && target.getStrVal() == null)) {
            return port.getPort();
        }
        if (target.getIntVal() != null) {
            return target.getIntVal();
        }
        String name = target.getStrVal();
        if (name.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(name);
        }
        return pod.getSpec().getContainers().stream()
                .map(Container::getPorts)
                .filter(ports -> ports != null)
                .flatMap(List::stream)
                .filter(p -> name.equals(p.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .orElseThrow(() -> new KubeException(what + " targets port '" + name + "' but pod "
                        + pod.getMetadata().getName() + " has no container port of that name."));
    }
}
