import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// The lab tests' small chart: a Deployment and a Service. It is written out at test time
// (Helm templates are not YAML, so they are kept here as strings rather than as files that
// YAML tooling would try to parse).
const FILES: Record<string, string> = {
  'Chart.yaml': `apiVersion: v2
name: lab-demo
description: A minimal chart for the lab's own tests
type: application
version: 0.1.0
appVersion: "1.0.0"
# holds only when the API server reports its real version (the version ldflags)
kubeVersion: ">=1.33.0-0"
`,
  'values.yaml': `replicaCount: 2
image: registry.k8s.io/pause:3.10
# extra pod labels, e.g. lab.todo-deploy.dev/never-ready: "true" to make the pods fail readiness
podLabels: {}
nodeSelector: {}
`,
  'templates/_helpers.tpl': `{{- define "lab-demo.labels" -}}
app.kubernetes.io/name: lab-demo
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}
`,
  'templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
  labels:
    {{- include "lab-demo.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
  selector:
    matchLabels:
      {{- include "lab-demo.labels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "lab-demo.labels" . | nindent 8 }}
        {{- with .Values.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: app
          image: {{ .Values.image | quote }}
          ports:
            - name: http
              containerPort: 8080
`,
  'templates/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}
  labels:
    {{- include "lab-demo.labels" . | nindent 4 }}
spec:
  selector:
    {{- include "lab-demo.labels" . | nindent 4 }}
  ports:
    - name: http
      port: 80
      targetPort: http
`,
};

/** Writes the demo chart into a fresh temporary directory and returns its path. */
export function writeDemoChart(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'lab-demo-chart-')), 'lab-demo');
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}
