/**
 * Everything that talks to the Kubernetes API through fabric8: opening a client from an explicit kubeconfig,
 * waiting for rollouts and custom resources with deadlines and user-facing diagnostics, writing Secrets without
 * ever printing their values, port-forwarding to a Service's pod, and reading pod logs and status.
 * It knows the Kubernetes conventions (Deployments, pods, status conditions) and no operator: what a CloudNativePG or
 * Valkey resource is, and when it is ready, is {@code dev.ghillie.preview.platform}'s.
 *
 * <p>Nothing here knows about Maven: callers pass plain values and a {@link dev.ghillie.preview.ProgressSink}.
 * Failures are {@link dev.ghillie.preview.kube.KubeException}s whose message is written for the person running the
 * build. See {@code docs/kube.md}.
 */
package dev.ghillie.preview.kube;
