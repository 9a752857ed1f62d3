{{/* Labels on everything the chart creates. */}}
{{- define "slipway.labels" -}}
app.kubernetes.io/part-of: slipway
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/instance: {{ .Release.Name }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Labels of one service's objects; call with (dict "root" $ "name" "deploy-service"). */}}
{{- define "slipway.serviceLabels" -}}
{{ include "slipway.labels" .root }}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/component: service
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
{{- end -}}

{{- define "slipway.selector" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* The documents of files/rbac/<name>.yaml (a copy of k8s/rbac/<name>.yaml, kept equal by
     ChartRbacTest), as a JSON list. */}}
{{- define "slipway.rbacDocs" -}}
{{- $docs := list -}}
{{- range (regexSplit "(?m)^---[ \\t]*$" (.root.Files.Get (printf "files/rbac/%s.yaml" .name)) -1) -}}
{{- $d := fromYaml . -}}
{{- if and $d (hasKey $d "kind") -}}{{- $docs = append $docs $d -}}{{- end -}}
{{- end -}}
{{- toJson $docs -}}
{{- end -}}

{{/* true when the service calls the Kubernetes API: its RBAC file has a ClusterRole. */}}
{{- define "slipway.usesKubernetesApi" -}}
{{- $uses := false -}}
{{- range (include "slipway.rbacDocs" . | fromJsonArray) -}}
{{- if eq .kind "ClusterRole" -}}{{- $uses = true -}}{{- end -}}
{{- end -}}
{{- $uses -}}
{{- end -}}

{{- define "slipway.image" -}}
{{- $img := .root.Values.image -}}
{{- printf "%s/%s/%s:%s" $img.registry $img.repository .name (default .root.Chart.AppVersion $img.tag) -}}
{{- end -}}

{{- define "slipway.kafkaExternal" -}}{{ ne (.Values.kafka.external.bootstrap | default "") "" }}{{- end -}}
{{- define "slipway.pgExternal" -}}{{ ne (.Values.postgresql.external.host | default "") "" }}{{- end -}}

{{- define "slipway.kafkaBootstrap" -}}
{{- if eq (include "slipway.kafkaExternal" .) "true" -}}
{{- .Values.kafka.external.bootstrap -}}
{{- else -}}
{{- printf "%s-kafka-bootstrap:9093" .Values.kafka.strimzi.clusterName -}}
{{- end -}}
{{- end -}}

{{/* CloudNativePG cluster name of one database. */}}
{{- define "slipway.pgCluster" -}}{{ printf "slipway-pg-%s" . }}{{- end -}}

{{/* host:port of one service's database; call with (dict "root" $ "database" "deploy"). */}}
{{- define "slipway.pgHostPort" -}}
{{- if eq (include "slipway.pgExternal" .root) "true" -}}
{{- printf "%s:%v" .root.Values.postgresql.external.host .root.Values.postgresql.external.port -}}
{{- else -}}
{{- printf "%s-rw:5432" (include "slipway.pgCluster" .database) -}}
{{- end -}}
{{- end -}}

{{- define "slipway.pgSecret" -}}
{{- if eq (include "slipway.pgExternal" .root) "true" -}}
{{- replace "{service}" .name .root.Values.postgresql.external.credentialsSecret -}}
{{- else -}}
{{- printf "%s-app" (include "slipway.pgCluster" .database) -}}
{{- end -}}
{{- end -}}

{{- define "slipway.pgParams" -}}
{{- with .Values.postgresql.external.params -}}{{- if eq (include "slipway.pgExternal" $) "true" -}}?{{ . }}{{- end -}}{{- end -}}
{{- end -}}
