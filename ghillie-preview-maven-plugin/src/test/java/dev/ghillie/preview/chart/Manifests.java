package dev.ghillie.preview.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The objects of one {@code helm template} run, parsed into fabric8 model classes. */
record Manifests(List<HasMetadata> objects) {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static Manifests parse(String yaml) {
        List<HasMetadata> objects = Arrays.stream(yaml.split("(?m)^---\\s*$"))
                .filter(document -> document.lines().anyMatch(line -> line.startsWith("kind:")))
                .map(document -> SERIALIZATION.<HasMetadata>unmarshal(document))
                .toList();
        return new Manifests(objects);
    }

    List<String> kinds() {
        return objects.stream().map(HasMetadata::getKind).toList();
    }

    /** The single object of this type; fails when there is none or more than one. */
    <T extends HasMetadata> T one(Class<T> type) {
        List<T> matches =
                objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(matches)
                .as("objects of type %s among %s", type.getSimpleName(), kinds())
                .hasSize(1);
        return matches.getFirst();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** An object of a kind fabric8 has no model class for (e.g. ExternalSecret). */
    Optional<GenericKubernetesResource> findGeneric(String kind) {
        return objects.stream()
                .filter(GenericKubernetesResource.class::isInstance)
                .map(GenericKubernetesResource.class::cast)
                .filter(resource -> kind.equals(resource.getKind()))
                .findFirst();
    }

    Deployment deployment() {
        return one(Deployment.class);
    }

    PodSpec podSpec() {
        return deployment().getSpec().getTemplate().getSpec();
    }

    Container container() {
        List<Container> containers = podSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.getFirst();
    }

    Optional<String> env(String name) {
        return Optional.ofNullable(container().getEnv())
                .flatMap(env -> env.stream()
                        .filter(variable -> name.equals(variable.getName()))
                        .findFirst())
                .map(variable -> variable.getValue());
    }

    String podAnnotation(String name) {
        return deployment()
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get(name);
    }
}
