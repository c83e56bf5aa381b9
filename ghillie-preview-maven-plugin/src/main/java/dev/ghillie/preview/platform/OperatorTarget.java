package dev.ghillie.preview.platform;

import dev.ghillie.preview.kube.LabelSelection;
import dev.ghillie.preview.kube.ReadinessCheck;
import dev.ghillie.preview.settings.ValkeyOperator;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;

/**
 * Where a data service lives and when it counts as ready, as {@code up} installs and waits for it: its operator's
 * release (whose Deployments must be available) and the one instance it applies beside the app (ready by the same
 * {@link ReadinessCheck} {@code up} waits on). For {@code preview:status}, which looks once instead of waiting.
 *
 * @param service the step's name, as {@code preview.json} lists it ({@code postgresql}, {@code valkey})
 * @param instance the custom resource's name in the preview's namespace
 */
public record OperatorTarget(
        String service,
        String operatorRelease,
        String operatorNamespace,
        ResourceDefinitionContext type,
        String instance,
        ReadinessCheck readiness) {

    public static OperatorTarget postgres() {
        return CloudNativePgPostgres.SPEC.target();
    }

    public static OperatorTarget valkey(ValkeyOperator operator) {
        return switch (operator) {
            case VALKEY_IO -> ValkeyIoValkey.SPEC.target();
            case HYPERSPIKE -> HyperspikeValkey.SPEC.target();
        };
    }

    /** The operator's Deployments, as {@code up} waits for them (OperatorInstall). */
    public LabelSelection operatorDeployments() {
        return new LabelSelection(operatorNamespace, Map.of(LabelSelection.INSTANCE_LABEL, operatorRelease));
    }
}
