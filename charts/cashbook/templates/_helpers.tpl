{{/*
Names and labels follow `helm create`.
*/}}
{{- define "cashbook.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
A default fully qualified app name, cut at 40 characters so that "<fullname>-<component>"
(and a CronJob's "<fullname>-cron-<job>", which Kubernetes limits to 52) stays a valid name.
*/}}
{{- define "cashbook.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "cashbook.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "cashbook.labels" -}}
helm.sh/chart: {{ include "cashbook.chart" . }}
{{ include "cashbook.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: cashbook
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "cashbook.selectorLabels" -}}
app.kubernetes.io/name: {{ include "cashbook.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Labels of one component. Call with (dict "ctx" $ "component" "api").
*/}}
{{- define "cashbook.componentLabels" -}}
{{ include "cashbook.labels" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "cashbook.componentSelectorLabels" -}}
{{ include "cashbook.selectorLabels" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "cashbook.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "cashbook.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The cashbook image: a digest wins over a tag; the tag defaults to the chart's appVersion.
*/}}
{{- define "cashbook.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{- define "cashbook.apiUrl" -}}
{{- printf "http://%s-api.%s.svc:%d" (include "cashbook.fullname" .) .Release.Namespace (int .Values.api.service.port) }}
{{- end }}

{{/*
Secret groups: for each group, which environment variable comes from which value under
.Values.<group> (a dotted path). The Secret's keys are the variable names, so a Secret given
through <group>.existingSecret must use them too.
*/}}
{{- define "cashbook.secretKeys" -}}
database:
  MARIADB_PASSWORD: password
  DATABASE_URL: url
rabbitmq:
  RABBITMQ_PASSWORD: password
encryption:
  CASHBOOK_SECRET_KEY: secretKey
  DB_ENCRYPTION_KEY: dbEncryptionKey
  DB_ENCRYPTION_RETIRED_KEYS: dbEncryptionRetiredKeys
  DB_BLIND_INDEX_KEY: dbBlindIndexKey
smtp:
  SMTP_PASSWORD: password
oauth:
  OIDC_CLIENT_ID: oidc.clientId
  OIDC_CLIENT_SECRET: oidc.clientSecret
  MOJEID_CLIENT_ID: mojeid.clientId
  MOJEID_CLIENT_SECRET: mojeid.clientSecret
  BANKID_CLIENT_ID: bankid.clientId
  BANKID_CLIENT_SECRET: bankid.clientSecret
  CSAS_API_KEY: csas.apiKey
  CSAS_CLIENT_ID: csas.clientId
  CSAS_CLIENT_SECRET: csas.clientSecret
sentry:
  SENTRY_DSN: dsn
unirate:
  UNIRATE_API_KEY: apiKey
cron:
  CRON_TOKEN: token
metrics:
  METRICS_TOKEN: token
{{- end }}

{{/*
The data of the Secret the chart creates for a group: only the values that are set.
Call with (dict "ctx" $ "group" "oauth"); returns YAML (empty when nothing is set).
*/}}
{{- define "cashbook.secretData" -}}
{{- $keys := index (include "cashbook.secretKeys" .ctx | fromYaml) .group }}
{{- $values := index .ctx.Values .group }}
{{- range $env := keys $keys | sortAlpha }}
{{- $value := $values }}
{{- range $part := splitList "." (index $keys $env) }}
{{- $value = (kindIs "map" $value) | ternary (get $value $part) "" }}
{{- end }}
{{- if $value }}
{{ $env }}: {{ $value | toString | b64enc | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The name of a group's Secret: its existingSecret, or the chart's own when any value is set,
or nothing (the group is not configured and its variables stay unset).
*/}}
{{- define "cashbook.secretName" -}}
{{- $values := index .ctx.Values .group }}
{{- if $values.existingSecret }}
{{- $values.existingSecret }}
{{- else if (include "cashbook.secretData" . | trim) }}
{{- printf "%s-%s%s" (include "cashbook.fullname" .ctx) (.prefix | default "") .group }}
{{- end }}
{{- end }}

{{/*
Environment of every cashbook container: the ConfigMap plus each configured secret group.
Call with (dict "ctx" $ "prefix" "") — prefix "migrations-" for the migrations Job, which runs
before the ordinary ConfigMap and Secrets exist (see configmap.yaml).
*/}}
{{- define "cashbook.envFrom" -}}
{{- $ctx := .ctx }}
{{- $prefix := .prefix }}
- configMapRef:
    name: {{ include "cashbook.configMapName" . }}
{{- $names := list }}
{{- range $group := keys (include "cashbook.secretKeys" $ctx | fromYaml) | sortAlpha }}
{{- with include "cashbook.secretName" (dict "ctx" $ctx "group" $group "prefix" $prefix) }}
{{- $names = append $names . }}
{{- end }}
{{- end }}
{{- /* Several groups may share one existing Secret. */}}
{{- range $names | uniq }}
- secretRef:
    name: {{ . }}
{{- end }}
{{- end }}

{{/*
Pod-level parts shared by every cashbook pod (API, worker, beat, migrations, cron).
Call with (dict "ctx" $ "component" "api" "values" .Values.api).
*/}}
{{- define "cashbook.podSpecCommon" -}}
{{- $ctx := .ctx }}
{{- with $ctx.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
automountServiceAccountToken: false
securityContext:
  {{- toYaml $ctx.Values.podSecurityContext | nindent 2 }}
{{- with (.values.nodeSelector | default $ctx.Values.nodeSelector) }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with (.values.tolerations | default $ctx.Values.tolerations) }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with (.values.affinity | default $ctx.Values.affinity) }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $ctx.Values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- end }}

{{/*
The container parts shared by every cashbook container.
*/}}
{{- define "cashbook.containerCommon" -}}
image: {{ include "cashbook.image" .ctx }}
imagePullPolicy: {{ .ctx.Values.image.pullPolicy }}
securityContext:
  {{- toYaml .ctx.Values.securityContext | nindent 2 }}
envFrom:
  {{- include "cashbook.envFrom" (dict "ctx" .ctx "prefix" (ternary "migrations-" "" (eq .component "migrations"))) | nindent 2 }}
{{- with .values.extraEnv }}
env:
  {{- range $name, $value := . }}
  - name: {{ $name }}
    value: {{ $value | toString | quote }}
  {{- end }}
{{- end }}
resources:
  {{- toYaml .values.resources | nindent 2 }}
volumeMounts:
  - name: tmp
    mountPath: /tmp
  - name: data
    mountPath: {{ .ctx.Values.config.dataDir }}
{{- end }}

{{- define "cashbook.volumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .ctx.Values.tmpSizeLimit }}
- name: data
  emptyDir:
    sizeLimit: {{ .values.dataSizeLimit | default .ctx.Values.dataSizeLimit }}
{{- end }}

{{/*
Spread replicas over nodes (and zones when the nodes carry zone labels).
*/}}
{{- define "cashbook.topologySpread" -}}
{{- if .values.topologySpreadConstraints }}
topologySpreadConstraints:
  {{- toYaml .values.topologySpreadConstraints | nindent 2 }}
{{- else }}
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: kubernetes.io/hostname
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "cashbook.componentSelectorLabels" (dict "ctx" .ctx "component" .component) | nindent 8 }}
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "cashbook.componentSelectorLabels" (dict "ctx" .ctx "component" .component) | nindent 8 }}
{{- end }}
{{- end }}

{{/*
Annotations that roll the pods when the configuration or the chart's Secrets change.
*/}}
{{- define "cashbook.configChecksum" -}}
checksum/config: {{ include "cashbook.configData" . | sha256sum }}
{{- with .Values.config.secretsRevision }}
{{- /* Secrets made outside the chart (existingSecret): their owner passes a digest. */}}
checksum/existing-secrets: {{ . | quote }}
{{- end }}
{{- $secrets := list }}
{{- range $group := keys (include "cashbook.secretKeys" . | fromYaml) | sortAlpha }}
{{- $secrets = append $secrets (include "cashbook.secretData" (dict "ctx" $ "group" $group)) }}
{{- end }}
checksum/secrets: {{ join "\n" $secrets | sha256sum }}
{{- end }}

{{/*
The settings ConfigMap's name; (dict "ctx" $ "prefix" "migrations-") names the migrations
Job's hook copy.
*/}}
{{- define "cashbook.configMapName" -}}
{{- include "cashbook.fullname" .ctx }}{{ if .prefix }}-{{ trimSuffix "-" .prefix }}{{ end }}
{{- end }}

{{/*
The migrations Job is a pre-install/pre-upgrade hook: it runs before the release's ordinary
objects exist (first install) or change (upgrade). Its ConfigMap and the chart's Secrets are
hook copies of the ordinary ones, made just before it and deleted once the hooks succeeded;
the ordinary ones are release objects, so rollback restores and uninstall removes them.
Call with (dict "ctx" $ "hook" true/false); returns the objects' annotations (may be empty).
*/}}
{{- define "cashbook.preHookAnnotations" -}}
{{- if .hook }}
helm.sh/hook: pre-install,pre-upgrade
helm.sh/hook-weight: "-10"
helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
{{- end }}
{{- end }}

{{/*
The non-secret settings (the ConfigMap's data). Unset values are left out so that the
application's own defaults apply.
*/}}
{{- define "cashbook.configData" -}}
{{- $v := .Values }}
{{- $data := dict
  "CASHBOOK_ENV" $v.config.env
  "CASHBOOK_PUBLIC_URL" $v.config.publicUrl
  "CASHBOOK_WEB_URL" $v.config.webUrl
  "CASHBOOK_CORS_ORIGINS" (join "," $v.config.corsOrigins)
  "CASHBOOK_COOKIE_DOMAIN" $v.config.cookieDomain
  "CASHBOOK_FORWARDED_ALLOW_IPS" $v.config.forwardedAllowIps
  "CASHBOOK_DATA_DIR" $v.config.dataDir
  "CASHBOOK_LOG_FORMAT" $v.config.logFormat
  "CASHBOOK_HOST" "0.0.0.0"
  "CASHBOOK_PORT" $v.api.port
  "CASHBOOK_WORKER_METRICS_PORT" $v.worker.metricsPort
  "MARIADB_HOST" $v.database.host
  "MARIADB_PORT" $v.database.port
  "MARIADB_DB" $v.database.name
  "MARIADB_USER" $v.database.user
  "RABBITMQ_HOST" $v.rabbitmq.host
  "RABBITMQ_PORT" $v.rabbitmq.port
  "RABBITMQ_USERNAME" $v.rabbitmq.username
  "RABBITMQ_VHOST" $v.rabbitmq.vhost
  "SMTP_HOST" $v.smtp.host
  "SMTP_PORT" $v.smtp.port
  "SMTP_USERNAME" $v.smtp.username
  "SMTP_USE_TLS" $v.smtp.useTls
  "SMTP_USE_SSL" $v.smtp.useSsl
  "SMTP_FROM" $v.smtp.from
  "OIDC_ISSUER_URL" $v.oauth.oidc.issuerUrl
  "OIDC_NAME" $v.oauth.oidc.name
  "OIDC_DISPLAY_NAME" $v.oauth.oidc.displayName
  "OIDC_SCOPES" $v.oauth.oidc.scopes
  "MOJEID_ISSUER_URL" $v.oauth.mojeid.issuerUrl
  "BANKID_ISSUER_URL" $v.oauth.bankid.issuerUrl
  "SENTRY_ENVIRONMENT" $v.sentry.environment
  "SENTRY_TRACES_SAMPLE_RATE" $v.sentry.tracesSampleRate
}}
{{- $data = merge (deepCopy $v.config.extraEnv) $data }}
{{- range $key, $value := $data }}
{{- if or $value (kindIs "bool" $value) (kindIs "float64" $value) (kindIs "int" $value) (kindIs "int64" $value) }}
{{ $key }}: {{ $value | toString | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/*
checkov skips that hold for a workload, each with its reason, as annotations.
Call with (dict "digest" <image digest> "envSecrets" <bool>).
*/}}
{{- define "cashbook.checkovSkips" -}}
{{- if not .digest }}
checkov.io/skip1: CKV_K8S_43=No digest is known until an image is built; set image.digest at deploy time (deploy-prod.yml does).
{{- end }}
{{- if .envSecrets }}
checkov.io/skip2: CKV_K8S_35=Settings come from environment variables by contract (pydantic-settings, the seed's names); Secrets feed them through envFrom.
{{- end }}
{{- end }}
