{{/* Object names: the release name, or release-vigil when the release name does not say vigil. */}}
{{- define "vigil.fullname" -}}
{{- if contains "vigil" .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-vigil" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Selector labels: stable for the life of the release (a Deployment selector is immutable). */}}
{{- define "vigil.selectorLabels" -}}
app.kubernetes.io/name: vigil
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "vigil.labels" -}}
{{ include "vigil.selectorLabels" . }}
app.kubernetes.io/part-of: vigil
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "vigil.image" -}}
{{- printf "%s:%s@%s" .Values.image.repository .Values.image.tag .Values.image.digest -}}
{{- end -}}

{{/* Where Secrets are mounted (files, never environment variables). */}}
{{- define "vigil.apiTokenFile" -}}/var/run/secrets/vigil/api/{{ .Values.api.tokenSecret.key }}{{- end -}}
{{- define "vigil.maskKeyFile" -}}/var/run/secrets/vigil/mask-key/{{ .Values.secrets.maskKeySecret.key }}{{- end -}}
{{- define "vigil.kafkaCaDir" -}}/var/run/secrets/vigil/kafka-ca{{- end -}}
{{- define "vigil.kafkaClientDir" -}}/var/run/secrets/vigil/kafka-client{{- end -}}
{{- define "vigil.kafkaSaslDir" -}}/var/run/secrets/vigil/kafka-sasl{{- end -}}

{{/* The Kafka client properties: TLS and SASL read from mounted files through DirectoryConfigProvider. */}}
{{- define "vigil.kafkaProperties" -}}
{{- $k := .Values.kafka -}}
{{- $p := dict "security.protocol" $k.securityProtocol -}}
{{- $files := or $k.tls.caSecret $k.tls.clientCertSecret $k.sasl.secret -}}
{{- if $files -}}
{{- $_ := set $p "config.providers" "dir" -}}
{{- $_ := set $p "config.providers.dir.class" "org.apache.kafka.common.config.provider.DirectoryConfigProvider" -}}
{{- end -}}
{{- if $k.tls.caSecret -}}
{{- $_ := set $p "ssl.truststore.type" "PEM" -}}
{{- $_ := set $p "ssl.truststore.location" (printf "%s/ca.crt" (include "vigil.kafkaCaDir" .)) -}}
{{- end -}}
{{- if $k.tls.clientCertSecret -}}
{{- $dir := include "vigil.kafkaClientDir" . -}}
{{- $_ := set $p "ssl.keystore.type" "PEM" -}}
{{- $_ := set $p "ssl.keystore.certificate.chain" (printf "${dir:%s:tls.crt}" $dir) -}}
{{- $_ := set $p "ssl.keystore.key" (printf "${dir:%s:tls.key}" $dir) -}}
{{- end -}}
{{- if $k.sasl.mechanism -}}
{{- $dir := include "vigil.kafkaSaslDir" . -}}
{{- $module := ternary "org.apache.kafka.common.security.plain.PlainLoginModule" "org.apache.kafka.common.security.scram.ScramLoginModule" (eq $k.sasl.mechanism "PLAIN") -}}
{{- $_ := set $p "sasl.mechanism" $k.sasl.mechanism -}}
{{- $_ := set $p "sasl.jaas.config" (printf "%s required username=\"${dir:%s:username}\" password=\"${dir:%s:password}\";" $module $dir $dir) -}}
{{- end -}}
{{- toYaml (mustMergeOverwrite $p $k.properties) -}}
{{- end -}}

{{/* vigil.yaml: only settings io.vigil.config.Setting knows (a test loads it through ConfigLoader). */}}
{{- define "vigil.config" -}}
{{- $ns := .Release.Namespace -}}
{{- $c := dict
  "cluster" (dict "name" .Values.clusterName)
  "http" (dict "host" "0.0.0.0" "port" (int .Values.http.port))
  "log" (dict "format" .Values.log.format "level" .Values.log.level)
  "dataDir" "/var/lib/vigil"
  "secrets" (dict "maskKeyFile" (include "vigil.maskKeyFile" .))
  "exceptions" (dict "configMap" (printf "%s/%s" $ns .Values.exceptions.configMapName))
-}}
{{- if eq .Values.api.auth "none" -}}
{{- $_ := set $c "api" (dict "auth" "none") -}}
{{- else -}}
{{- $_ := set $c "api" (dict "auth" "token" "tokenFile" (include "vigil.apiTokenFile" .)) -}}
{{- end -}}
{{- if .Values.baseline.enabled -}}
{{- $_ := set $c "baseline" (dict "configMap" (printf "%s/%s" $ns .Values.baseline.configMapName)) -}}
{{- end -}}
{{- if .Values.leaderElection.enabled -}}
{{- $_ := set $c "leaderElection" (dict "enabled" true "leaseNamespace" $ns) -}}
{{- end -}}
{{- if .Values.kafka.enabled -}}
{{- $k := .Values.kafka -}}
{{- $_ := set $c "kafka" (dict
  "enabled" true
  "bootstrapServers" $k.bootstrapServers
  "eventsTopic" $k.eventsTopic
  "stateTopic" $k.stateTopic
  "eventsRetention" $k.eventsRetention
  "createTopics" $k.createTopics
  "properties" (fromYaml (include "vigil.kafkaProperties" .))) -}}
{{- end -}}
{{- toYaml (mustMergeOverwrite $c .Values.config) -}}
{{- end -}}
