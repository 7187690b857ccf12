{{/*
Chart name, overridable.
*/}}
{{- define "dvc-iam.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name: <release>-<chart>, or <release> when it already contains the chart name. Truncated to 53 characters so
that suffixes such as "-headless" and "-config" keep names within the 63 characters of a DNS label.
*/}}
{{- define "dvc-iam.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 53 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 53 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 53 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "dvc-iam.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The image version: tag, or the chart's appVersion.
*/}}
{{- define "dvc-iam.version" -}}
{{- default .Chart.AppVersion .Values.image.tag }}
{{- end }}

{{/*
Selector labels of the Keycloak pods: name and instance only, so that they never change over the life of a release
(a StatefulSet's selector is immutable).
*/}}
{{- define "dvc-iam.selectorLabels" -}}
app.kubernetes.io/name: {{ include "dvc-iam.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
The Kubernetes recommended labels plus helm.sh/chart. Call with a dict: ctx (the root context), component, and
optionally name (for objects that must not match the server's selector, such as the config job).
*/}}
{{- define "dvc-iam.labels" -}}
{{- $ctx := .ctx -}}
helm.sh/chart: {{ include "dvc-iam.chart" $ctx }}
app.kubernetes.io/name: {{ default (include "dvc-iam.name" $ctx) .name }}
app.kubernetes.io/instance: {{ $ctx.Release.Name }}
app.kubernetes.io/version: {{ include "dvc-iam.version" $ctx | replace "+" "_" | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/part-of: dvc-iam
app.kubernetes.io/managed-by: {{ $ctx.Release.Service }}
{{- end }}

{{- define "dvc-iam.serverLabels" -}}
{{ include "dvc-iam.labels" (dict "ctx" . "component" "server") }}
{{- end }}

{{- define "dvc-iam.headlessName" -}}
{{ include "dvc-iam.fullname" . }}-headless
{{- end }}

{{- define "dvc-iam.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "dvc-iam.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "dvc-iam.image" -}}
{{- if .Values.image.digest -}}
{{ .Values.image.repository }}@{{ .Values.image.digest }}
{{- else -}}
{{ .Values.image.repository }}:{{ include "dvc-iam.version" . }}
{{- end }}
{{- end }}

{{/*
The server's build-time options as helm/Containerfile fixes them (ARG KC_BUILD_OPTIONS), by environment variable
name. They cannot change at runtime (start --optimized ignores a differing value with a warning), so the chart
refuses extraEnv or extraArgs that set them to anything else. ImageConsistencyTest keeps this list equal to the
Containerfile's, less --cache and --cache-stack: Keycloak 26.7.3 reads those at runtime, and the chart sets them.
*/}}
{{- define "dvc-iam.buildTimeOptions" -}}
KC_DB: postgres
KC_HEALTH_ENABLED: "true"
KC_METRICS_ENABLED: "true"
KC_SPI_CONNECTIONS_HTTP_CLIENT__PROVIDER: dvc-guarded
KC_FEATURES_DISABLED: ciba,jwt-authorization-grant
{{- end }}

{{/*
Fails the rendering when extraEnv or extraArgs set a build-time option to another value than the image was built
with.
*/}}
{{- define "dvc-iam.checkBuildTimeOptions" -}}
{{- $fixed := include "dvc-iam.buildTimeOptions" . | fromYaml -}}
{{- range .Values.extraEnv }}
{{- if and (hasKey $fixed .name) (ne (toString (get $fixed .name)) (toString (.value | default ""))) }}
{{- fail (printf "extraEnv %s=%v: %s is a build-time option, fixed to %q when the image is built (helm/Containerfile, KC_BUILD_OPTIONS). Change it there and rebuild the image, or remove it from extraEnv." .name (.value | default "<valueFrom>") .name (get $fixed .name)) }}
{{- end }}
{{- end }}
{{- range .Values.extraArgs }}
{{- $arg := toString . -}}
{{- range $env, $value := $fixed }}
{{- $option := printf "--%s=" ($env | trimPrefix "KC_" | lower | replace "_" "-") }}
{{- if and (hasPrefix $option $arg) (ne $arg (printf "%s%s" $option $value)) }}
{{- fail (printf "extraArgs %s: a build-time option, fixed to %q when the image is built (helm/Containerfile, KC_BUILD_OPTIONS). Change it there and rebuild the image, or remove it from extraArgs." $arg $value) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Fails the rendering when an environment list (extraEnv, configJob.env) gives a variable whose name looks like a
secret (a PASSWORD, PASSWD, SECRET or CREDENTIAL(S) part, or ending in KEY or TOKEN; KEY_STORE_FILE is a path)
a plain value: secrets come from
valueFrom.secretKeyRef, never from values files. Call with a dict: list, source.
*/}}
{{- define "dvc-iam.checkNoPlainSecrets" -}}
{{- $source := .source -}}
{{- range .list }}
{{- if and (hasKey . "value") (regexMatch "(^|_)(PASSWORD|PASSWD|SECRET|CREDENTIALS?)(_|$)|(^|_)(KEY|TOKEN)$" (upper .name)) }}
{{- fail (printf "%s %s has a plain value but its name says it is secret: take it from a Secret (valueFrom.secretKeyRef)." $source .name) }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The public host of hostname.hostname (a URL), for the Ingress rule.
*/}}
{{- define "dvc-iam.publicHost" -}}
{{- $url := urlParse (required "hostname.hostname is required: the public URL of DVC IAM, e.g. https://login.dvc.example" .Values.hostname.hostname) -}}
{{- regexReplaceAll ":[0-9]+$" (get $url "host") "" -}}
{{- end }}

{{/*
Labels of the config job's pod: its own app.kubernetes.io/name, so that neither the Services nor the StatefulSet's
selector (name + instance) ever match it.
*/}}
{{- define "dvc-iam.configJobName" -}}
{{ include "dvc-iam.name" . }}-config
{{- end }}

{{- define "dvc-iam.configJobSelectorLabels" -}}
app.kubernetes.io/name: {{ include "dvc-iam.configJobName" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}
