{{/* The real chart's labels (valkey-io/valkey-helm, valkey-operator/templates/_helpers.tpl): up waits for instance=<release>. */}}
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
