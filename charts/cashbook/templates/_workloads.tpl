{{/*
A Deployment running the cashbook image. Call with
(dict "ctx" $ "component" "api" "values" .Values.api "ports" (list ...) "spread" true "singleton" false).
*/}}
{{- define "cashbook.deployment" -}}
{{- $ctx := .ctx }}
{{- $v := .values }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "cashbook.fullname" $ctx }}-{{ .component }}
  namespace: {{ $ctx.Release.Namespace }}
  labels:
    {{- include "cashbook.componentLabels" . | nindent 4 }}
  {{- with include "cashbook.checkovSkips" (dict "digest" $ctx.Values.image.digest "envSecrets" true) | trim }}
  annotations:
    {{- . | nindent 4 }}
  {{- end }}
spec:
  {{- if .singleton }}
  replicas: 1
  strategy:
    # Never two schedulers at once.
    type: Recreate
  {{- else if not $v.autoscaling.enabled }}
  replicas: {{ $v.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "cashbook.componentSelectorLabels" . | nindent 6 }}
  template:
    metadata:
      annotations:
        {{- include "cashbook.configChecksum" $ctx | nindent 8 }}
        {{- with $v.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      labels:
        {{- include "cashbook.componentLabels" . | nindent 8 }}
        {{- with $v.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "cashbook.serviceAccountName" $ctx }}
      {{- include "cashbook.podSpecCommon" . | trim | nindent 6 }}
      terminationGracePeriodSeconds: {{ $v.terminationGracePeriodSeconds | default 30 }}
      {{- if .spread }}
      {{- include "cashbook.topologySpread" . | trim | nindent 6 }}
      {{- end }}
      containers:
        - name: {{ .component }}
          {{- include "cashbook.containerCommon" . | nindent 10 }}
          args:
            {{- toYaml $v.args | nindent 12 }}
          {{- with .ports }}
          ports:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          {{- range $probe := list "startupProbe" "livenessProbe" "readinessProbe" }}
          {{- with (get $v $probe) }}
          {{ $probe }}:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          {{- end }}
      volumes:
        {{- include "cashbook.volumes" . | nindent 8 }}
{{- end }}

{{/*
A HorizontalPodAutoscaler for a component's Deployment.
*/}}
{{- define "cashbook.hpa" -}}
{{- $a := .values.autoscaling }}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "cashbook.fullname" .ctx }}-{{ .component }}
  namespace: {{ .ctx.Release.Namespace }}
  labels:
    {{- include "cashbook.componentLabels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "cashbook.fullname" .ctx }}-{{ .component }}
  minReplicas: {{ $a.minReplicas }}
  maxReplicas: {{ $a.maxReplicas }}
  metrics:
    {{- with $a.targetCPUUtilizationPercentage }}
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ . }}
    {{- end }}
    {{- with $a.targetMemoryUtilizationPercentage }}
    - type: Resource
      resource:
        name: memory
        target:
          type: Utilization
          averageUtilization: {{ . }}
    {{- end }}
{{- end }}

{{/*
A PodDisruptionBudget for a component.
*/}}
{{- define "cashbook.pdb" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "cashbook.fullname" .ctx }}-{{ .component }}
  namespace: {{ .ctx.Release.Namespace }}
  labels:
    {{- include "cashbook.componentLabels" . | nindent 4 }}
spec:
  maxUnavailable: {{ .values.pdb.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "cashbook.componentSelectorLabels" . | nindent 6 }}
{{- end }}
