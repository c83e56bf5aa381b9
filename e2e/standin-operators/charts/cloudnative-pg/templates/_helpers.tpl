{{/* The real chart's labels (cloudnative-pg/charts, charts/cloudnative-pg/templates/_helpers.tpl): up waits for instance=<release>. */}}
{{- define "standin.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}
{{- define "standin.labels" -}}
{{ include "standin.selectorLabels" . }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}
