package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** Custom resource definitions for the mock API server, as an operator's chart registers them. */
public final class TestCrds {

    private TestCrds() {}

    /** The namespaced CRD of {@code type}, one served and stored version, with a status subresource. */
    public static CustomResourceDefinition withStatus(ResourceDefinitionContext type) {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName(type.getPlural() + "." + type.getGroup())
                .endMetadata()
                .withNewSpec()
                .withGroup(type.getGroup())
                .withScope("Namespaced")
                .withNewNames()
                .withKind(type.getKind())
                .withPlural(type.getPlural())
                .endNames()
                .addNewVersion()
                .withName(type.getVersion())
                .withServed(true)
                .withStorage(true)
                .withNewSubresources()
                .withNewStatus()
                .endStatus()
                .endSubresources()
                .endVersion()
                .endSpec()
                .build();
    }
}
