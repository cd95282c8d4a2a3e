{{/*
The app.kubernetes.io/name label: the chart name unless nameOverride says otherwise.
*/}}
{{- define "todo.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
The prefix of every resource name: the release name unless fullnameOverride says otherwise.
*/}}
{{- define "todo.prefix" -}}
{{- default .Release.Name .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
The name of a service's resources: <prefix>-<service>, cut to the 63 characters of a DNS label.
Call with (dict "root" $ "component" "<service>").
*/}}
{{- define "todo.componentName" -}}
{{- printf "%s-%s" (include "todo.prefix" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "todo.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
global.imageTag, checked once: required, and never "latest".
*/}}
{{- define "todo.imageTag" -}}
{{- $tag := required "global.imageTag is required: set it to the image tag to deploy (sha-<short> in staging, vX.Y.Z in production), e.g. --set-string global.imageTag=v1.2.3" .Values.global.imageTag -}}
{{- if eq $tag "latest" -}}
{{- fail "global.imageTag must not be \"latest\": deploy an exact build (sha-<short> or vX.Y.Z)" -}}
{{- end -}}
{{- $tag -}}
{{- end -}}

{{/*
The app.kubernetes.io/version label: the deployed image tag, made a valid label value.
*/}}
{{- define "todo.version" -}}
{{- regexReplaceAll "[^-A-Za-z0-9_.]" (include "todo.imageTag" .) "_" | trunc 63 | trimAll "-_." -}}
{{- end -}}

{{/*
Selector labels: name, instance and component only, so that they never change after install.
Call with (dict "root" $ "component" "<service>").
*/}}
{{- define "todo.selectorLabels" -}}
app.kubernetes.io/name: {{ include "todo.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/*
Standard labels of every resource. Call with (dict "root" $ "component" "<component>").
*/}}
{{- define "todo.labels" -}}
{{ include "todo.selectorLabels" . }}
app.kubernetes.io/version: {{ include "todo.version" .root | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ include "todo.chart" .root }}
{{- end -}}

{{/*
The image of a service: <repository>@<digest> when a digest is set, else <repository>:<tag>.
Call with (dict "root" $ "component" "<service>" "service" <its values>).
*/}}
{{- define "todo.image" -}}
{{- $global := .root.Values.global -}}
{{- $image := .service.image -}}
{{- $repository := $image.repository -}}
{{- if not $repository -}}
{{- $owner := required (printf "global.owner is required: the GitHub owner of the images (ghcr.io/<owner>/hackathon-todo/%s), or set services.%s.image.repository" .component .component) $global.owner -}}
{{- $repository = printf "%s/%s/hackathon-todo/%s" $global.imageRegistry $owner .component -}}
{{- end -}}
{{- if $image.digest -}}
{{- printf "%s@%s" $repository $image.digest -}}
{{- else -}}
{{- $tag := default (include "todo.imageTag" .root) $image.tag -}}
{{- if eq $tag "latest" -}}
{{- fail (printf "services.%s.image.tag must not be \"latest\": deploy an exact build" .component) -}}
{{- end -}}
{{- printf "%s:%s" $repository $tag -}}
{{- end -}}
{{- end -}}

{{/*
How many replicas a service runs at least: its HPA minimum when autoscaling is on.
Call with (dict "root" $ "service" <its values>).
*/}}
{{- define "todo.minReplicas" -}}
{{- if .root.Values.autoscaling.enabled -}}
{{- .service.autoscaling.minReplicas -}}
{{- else -}}
{{- .service.replicaCount -}}
{{- end -}}
{{- end -}}

{{/*
The ingress host: <ingress.hostPrefix>.<global.domain>.
*/}}
{{- define "todo.host" -}}
{{- $domain := required "global.domain is required when ingress.enabled is true: the DNS domain of the ingress host, e.g. --set-string global.domain=example.com" .Values.global.domain -}}
{{- printf "%s.%s" .Values.ingress.hostPrefix $domain -}}
{{- end -}}

{{/*
The services that serve metrics, as a regular expression alternation of their Service names.
*/}}
{{- define "todo.metricsServicesRegex" -}}
{{- $names := list -}}
{{- range $name, $service := .Values.services -}}
{{- if $service.metrics -}}
{{- $names = append $names (include "todo.componentName" (dict "root" $ "component" $name)) -}}
{{- end -}}
{{- end -}}
{{- join "|" $names -}}
{{- end -}}

{{/*
The annotations of the ingress.preset, as YAML: "main" for the Ingress of every path, "sse" for
/sse on top of them (a non-empty "sse" puts /sse on an Ingress of its own, because annotations
are per Ingress). nginx: ingress-nginx's (also read by Traefik's kubernetesIngressNGINX
provider); traefik: Traefik's own Ingress provider, which streams without buffering and has no
per-route timeout (the entrypoint's respondingTimeouts are the platform's); none: nothing.
*/}}
{{- define "todo.ingressPreset" -}}
{{- $i := .Values.ingress -}}
{{- $timeout := toString (int $i.sseTimeoutSeconds) -}}
{{- $presets := dict
  "nginx" (dict
    "main" (dict "nginx.ingress.kubernetes.io/ssl-redirect" "true" "nginx.ingress.kubernetes.io/force-ssl-redirect" "true")
    "sse" (dict "nginx.ingress.kubernetes.io/proxy-read-timeout" $timeout "nginx.ingress.kubernetes.io/proxy-send-timeout" $timeout "nginx.ingress.kubernetes.io/proxy-buffering" "off"))
  "traefik" (dict
    "main" (dict "traefik.ingress.kubernetes.io/router.entrypoints" "websecure" "traefik.ingress.kubernetes.io/router.tls" "true")
    "sse" (dict))
  "none" (dict "main" (dict) "sse" (dict)) -}}
{{- $preset := index $presets $i.preset -}}
{{- if not $preset -}}
{{- fail (printf "ingress.preset must be one of nginx, traefik, none, not %q" (toString $i.preset)) -}}
{{- end -}}
{{- toYaml $preset -}}
{{- end -}}
