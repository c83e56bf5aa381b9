package dev.ghillie.preview.platform;

import dev.ghillie.preview.kube.ApiFailure;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The data of a preview's data services, in its namespace: what {@code preview:down -Dghillie.preview.keepCluster=true}
 * keeps for the next {@code up}, and what {@code -Dghillie.preview.dropData=true} removes. Found by type and label in the
 * namespace, never from this run's {@code ghillie.preview.platform} (it may have changed since the {@code up} that made them):
 * <ul>
 * <li>the data services' resources: CloudNativePG {@code Cluster}, valkey-io {@code ValkeyCluster}, hyperspike {@code Valkey};</li>
 * <li>PersistentVolumeClaims and Secrets carrying one of {@link #DATA_LABELS} (any value): the label each operator puts on
 * what it makes for an instance ({@code cnpg.io/cluster} on CloudNativePG's volumes, {@code valkey.io/cluster} on the
 * valkey-io operator's), or {@value #DATA_SERVICE_LABEL}, which {@code up} puts on what it writes for a data service itself
 * (the Valkey users Secret) and a user may put on a volume of their own;</li>
 * <li>Secrets and PersistentVolumeClaims owned by one of those resources: CloudNativePG's {@code <cluster>-app} Secret
 * carries neither label, only its owner reference to the Cluster.</li>
 * </ul>
 * PersistentVolumes are cluster-wide and not counted: a volume whose claim is removed follows its own reclaim policy.
 */
public final class PreviewData {

    /** The label {@code up} puts on what it writes for a data service (value: the service's step name). */
    public static final String DATA_SERVICE_LABEL = "ghillie.dev/data-service";
    /** A PersistentVolumeClaim or Secret with one of these labels in the preview namespace is data. */
    public static final List<String> DATA_LABELS = List.of("cnpg.io/cluster", "valkey.io/cluster", DATA_SERVICE_LABEL);

    static final ResourceDefinitionContext PERSISTENT_VOLUME_CLAIM =
            core("PersistentVolumeClaim", "persistentvolumeclaims");
    static final ResourceDefinitionContext SECRET = core("Secret", "secrets");
    /** The data services' resources, in the order the summary names them. */
    public static final List<ResourceDefinitionContext> SERVICE_TYPES =
            List.of(CloudNativePgPostgres.TYPE, ValkeyIoValkey.TYPE, HyperspikeValkey.TYPE);

    /** One object of the data: its type and name. */
    public record DataObject(ResourceDefinitionContext type, String name) {
        public String kind() {
            return type.getKind();
        }
    }

    /**
     * What {@link #find} found in a namespace: the services' resources first, then the volumes and Secrets.
     */
    public record Found(String namespace, List<DataObject> objects) {

        public Found {
            objects = List.copyOf(objects);
        }

        public boolean isEmpty() {
            return objects.isEmpty();
        }

        /** {@code Cluster pg-ghillie, ValkeyCluster valkey-ghillie, 2 PersistentVolumeClaims, 2 Secrets}: names, never values. */
        public String summary() {
            List<String> parts = new ArrayList<>();
            objects.stream()
                    .filter(o -> SERVICE_TYPES.contains(o.type()))
                    .forEach(o -> parts.add(o.kind() + " " + o.name()));
            count(PERSISTENT_VOLUME_CLAIM).ifPresent(parts::add);
            count(SECRET).ifPresent(parts::add);
            return String.join(", ", parts);
        }

        private Optional<String> count(ResourceDefinitionContext type) {
            long n = objects.stream().filter(o -> o.type().equals(type)).count();
            return n == 0 ? Optional.empty() : Optional.of(n + " " + type.getKind() + (n == 1 ? "" : "s"));
        }
    }

    private final KubernetesClient client;

    public PreviewData(KubernetesClient client) {
        this.client = client;
    }

    /** @throws dev.ghillie.preview.kube.KubeException one line, when the API server refuses a list or does not answer */
    public Found find(String namespace) {
        List<DataObject> found = new ArrayList<>();
        Set<String> owners = new HashSet<>();
        for (ResourceDefinitionContext type : SERVICE_TYPES) {
            for (GenericKubernetesResource resource : list(type, namespace)) {
                found.add(new DataObject(type, resource.getMetadata().getName()));
                owners.add(resource.getMetadata().getUid());
            }
        }
        for (ResourceDefinitionContext type : List.of(PERSISTENT_VOLUME_CLAIM, SECRET)) {
            list(type, namespace).stream()
                    .filter(object -> labelledAsData(object) || ownedBy(object, owners))
                    .map(object -> new DataObject(type, object.getMetadata().getName()))
                    .sorted(Comparator.comparing(DataObject::name))
                    .forEach(found::add);
        }
        return new Found(namespace, found);
    }

    /**
     * Deletes what was found, the services' resources first so their operators stop writing to the volumes. Gone already
     * is success: a re-run after a failure converges.
     */
    public void drop(Found data) {
        for (DataObject object : data.objects()) {
            try {
                client.genericKubernetesResources(object.type())
                        .inNamespace(data.namespace())
                        .withName(object.name())
                        .delete();
            } catch (KubernetesClientException e) {
                throw ApiFailure.of("delete " + object.kind() + " " + data.namespace() + "/" + object.name(), e);
            }
        }
    }

    private List<GenericKubernetesResource> list(ResourceDefinitionContext type, String namespace) {
        try {
            return client.genericKubernetesResources(type)
                    .inNamespace(namespace)
                    .list()
                    .getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 && SERVICE_TYPES.contains(type)) {
                return List.of(); // the operator's CRD is not installed: none of its resources can exist
            }
            throw ApiFailure.of(
                    "list the " + type.getPlural() + " in namespace " + namespace
                            + " (to find the data services' data)",
                    e);
        }
    }

    private static boolean labelledAsData(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels != null && DATA_LABELS.stream().anyMatch(labels::containsKey);
    }

    private static boolean ownedBy(HasMetadata object, Set<String> owners) {
        List<OwnerReference> references = object.getMetadata().getOwnerReferences();
        return references != null
                && references.stream().map(OwnerReference::getUid).anyMatch(owners::contains);
    }

    private static ResourceDefinitionContext core(String kind, String plural) {
        return new ResourceDefinitionContext.Builder()
                .withGroup("")
                .withVersion("v1")
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(true)
                .build();
    }
}
