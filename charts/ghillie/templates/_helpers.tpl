{{/*
Chart name, cut to 63 characters: Kubernetes names and label values may not be longer.
*/}}
{{- define "ghillie.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name of the release's resources. The release name is used alone when it already
contains the chart name, so "ghillie" does not become "ghillie-ghillie".
*/}}
{{- define "ghillie.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
helm.sh/chart label value: name-version, with "+" (invalid in labels) replaced.
*/}}
{{- define "ghillie.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Selector labels. A Deployment's selector is immutable: these two labels must never
change between chart versions, or every upgrade fails.
*/}}
{{- define "ghillie.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ghillie.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Labels on every resource.
*/}}
{{- define "ghillie.labels" -}}
helm.sh/chart: {{ include "ghillie.chart" . }}
{{ include "ghillie.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | replace "+" "_" | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Name of the ServiceAccount the pod runs as.
*/}}
{{- define "ghillie.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "ghillie.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Container image: repository@digest when a digest is given (the exact bytes, whatever the
tag points at now), otherwise repository:tag with the appVersion as the default tag.
*/}}
{{- define "ghillie.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
The ConfigMap's data section. Both configmap.yaml and the pod's checksum/config
annotation use it, so the checksum changes exactly when the variables the pod reads
change (not when a label or the chart version does).
*/}}
{{- define "ghillie.configData" -}}
{{- range $name, $value := .Values.env.normal }}
{{- /* toJson writes numbers as plain digits (toString would give 1e+07 for 10000000) */}}
{{ $name }}: {{ if kindIs "string" $value }}{{ $value | quote }}{{ else }}{{ $value | toJson | quote }}{{ end }}
{{- end }}
{{- end }}

{{/*
Name of the Secret the ExternalSecret writes.
*/}}
{{- define "ghillie.externalSecretTarget" -}}
{{- default (include "ghillie.fullname" .) .Values.secrets.externalSecret.targetName }}
{{- end }}
