{{/* The real chart's labels (kubebuilder's control-plane label, as hyperspike's manager Deployment has it): up waits for instance=<release>. */}}
{{- define "standin.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
control-plane: controller-manager
{{- end }}
{{- define "standin.labels" -}}
{{ include "standin.selectorLabels" . }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}
