package dev.ghillie.preview.standin;

import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stands in for CloudNativePG, from a client's point of view (shared/reference/external-contracts.md, "CloudNativePG"):
 * for a {@code postgresql.cnpg.io/v1 Cluster} one PostgreSQL pod {@code <cluster>-1} (data in an emptyDir, not a volume of
 * {@code spec.storage}), the read-write Service {@code <cluster>-rw} on 5432, the Secret {@code <cluster>-app} with the keys
 * CloudNativePG writes and a random password, then {@code status.phase}, condition {@code Ready} and
 * {@code readyInstances}, following the pod's readiness. No replicas, no {@code -ro}/{@code -r} Services, no backups.
 */
final class CnpgStandin extends StandinReconciler {

    static final ResourceDefinitionContext TYPE = new ResourceDefinitionContext.Builder()
            .withGroup("postgresql.cnpg.io")
            .withVersion("v1")
            .withKind("Cluster")
            .withPlural("clusters")
            .withNamespaced(true)
            .build();
    static final String CLUSTER_LABEL = "cnpg.io/cluster";
    static final int PORT = 5432;
    /** CloudNativePG's phases (pkg/apis/.../cluster_types.go): the healthy one the plugin reads, and the one while waiting. */
    static final String HEALTHY = "Cluster in healthy state";

    static final String WAITING = "Waiting for the instances to become active";
    /** The postgres user of CloudNativePG's images; the stand-in image has the same uid. */
    private static final long POSTGRES_UID = 26;

    CnpgStandin(KubernetesClient client, String image) {
        super(client, image, TYPE, CLUSTER_LABEL);
    }

    @Override
    void reconcile(OwnedObjects owned, GenericKubernetesResource cluster) {
        String name = owned.name();
        Bootstrap bootstrap = Bootstrap.of(cluster);
        owned.createIfAbsent(appSecret(owned, bootstrap));
        owned.createIfAbsent(new ServiceBuilder()
                .withNewMetadata()
                .withName(name + "-rw")
                .addToLabels(CLUSTER_LABEL, name)
                .endMetadata()
                .withNewSpec()
                .addToSelector(CLUSTER_LABEL, name)
                .addToSelector("role", "primary")
                .addNewPort()
                .withName("postgres")
                .withPort(PORT)
                .withNewTargetPort(PORT)
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build());
        owned.createIfAbsent(pod(owned, bootstrap));
        owned.writeStatus(status(owned, readyPods(owned) > 0));
    }

    /** {@code spec.bootstrap.initdb}'s database and owner; CloudNativePG's defaults are {@code app} and the database's name. */
    record Bootstrap(String database, String owner) {
        static Bootstrap of(GenericKubernetesResource cluster) {
            Map<?, ?> initdb =
                    map(map(map(cluster.get("spec")).get("bootstrap")).get("initdb"));
            String database = initdb.get("database") instanceof String d ? d : "app";
            return new Bootstrap(database, initdb.get("owner") instanceof String o ? o : database);
        }
    }

    private Secret appSecret(OwnedObjects owned, Bootstrap bootstrap) {
        String password = password(32);
        String host = owned.name() + "-rw";
        String inCluster = host + "." + owned.namespace();
        String fqdn = inCluster + ".svc.cluster.local";
        Map<String, String> data = new LinkedHashMap<>();
        data.put("username", bootstrap.owner());
        data.put("user", bootstrap.owner());
        data.put("password", password);
        data.put("dbname", bootstrap.database());
        data.put("host", host);
        data.put("port", Integer.toString(PORT));
        data.put(
                "pgpass",
                String.join(":", host, Integer.toString(PORT), bootstrap.database(), bootstrap.owner(), password)
                        + "\n");
        data.put("uri", uri(bootstrap, password, inCluster));
        data.put("jdbc-uri", jdbcUri(bootstrap, password, inCluster));
        data.put("fqdn-uri", uri(bootstrap, password, fqdn));
        data.put("fqdn-jdbc-uri", jdbcUri(bootstrap, password, fqdn));
        Map<String, String> encoded = new LinkedHashMap<>();
        data.forEach((key, value) ->
                encoded.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder()
                .withNewMetadata()
                .withName(owned.name() + "-app")
                .endMetadata()
                .withType("kubernetes.io/basic-auth")
                .withData(encoded)
                .build();
    }

    private static String uri(Bootstrap bootstrap, String password, String host) {
        return "postgresql://" + bootstrap.owner() + ":" + password + "@" + host + ":" + PORT + "/"
                + bootstrap.database();
    }

    private static String jdbcUri(Bootstrap bootstrap, String password, String host) {
        return "jdbc:postgresql://" + host + ":" + PORT + "/" + bootstrap.database() + "?password=" + password
                + "&user=" + bootstrap.owner();
    }

    private Pod pod(OwnedObjects owned, Bootstrap bootstrap) {
        String instance = owned.name() + "-1";
        return new PodBuilder()
                .withNewMetadata()
                .withName(instance)
                .addToLabels(CLUSTER_LABEL, owned.name())
                .addToLabels("cnpg.io/instanceName", instance)
                .addToLabels("cnpg.io/instanceRole", "primary")
                .addToLabels("role", "primary")
                .addToLabels("cnpg.io/podRole", "instance")
                .endMetadata()
                // pg_isready, not a TCP probe: a stopped (SIGSTOP) server still completes TCP handshakes in the kernel.
                .withSpec(serverPod(
                        POSTGRES_UID,
                        "postgres",
                        image,
                        "postgresql",
                        PORT,
                        new ProbeBuilder()
                                .withNewExec()
                                .withCommand(
                                        "/bin/sh",
                                        "-c",
                                        "exec /usr/lib/postgresql/*/bin/pg_isready -q -h 127.0.0.1 -p " + PORT)
                                .endExec()
                                .withPeriodSeconds(2)
                                .withTimeoutSeconds(2)
                                .withFailureThreshold(2)
                                .build(),
                        "/var/lib/postgresql/data",
                        List.of(
                                new EnvVarBuilder()
                                        .withName("PGDATA")
                                        .withValue("/var/lib/postgresql/data/pgdata")
                                        .build(),
                                new EnvVarBuilder()
                                        .withName("APP_USER")
                                        .withValue(bootstrap.owner())
                                        .build(),
                                new EnvVarBuilder()
                                        .withName("APP_DATABASE")
                                        .withValue(bootstrap.database())
                                        .build(),
                                new EnvVarBuilder()
                                        .withName("APP_PASSWORD")
                                        .withNewValueFrom()
                                        .withNewSecretKeyRef("password", owned.name() + "-app", false)
                                        .endValueFrom()
                                        .build())))
                .build();
    }

    private static Map<String, Object> status(OwnedObjects owned, boolean ready) {
        List<?> previous = previousConditions(owned);
        StatusCondition condition = ready
                ? new StatusCondition("Ready", true, "ClusterIsReady", "Cluster is Ready")
                : new StatusCondition("Ready", false, "ClusterIsNotReady", "Cluster Is Not Ready");
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("instances", 1);
        status.put("readyInstances", ready ? 1 : 0);
        status.put("phase", ready ? HEALTHY : WAITING);
        status.put("writeService", owned.name() + "-rw");
        status.put("currentPrimary", owned.name() + "-1");
        status.put("conditions", List.of(condition.toMap(previous, null)));
        return status;
    }
}
