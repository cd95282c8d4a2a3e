// The parts of rendered objects the tests read, typed, and a few walks over them.
import type { K8sObject, ObjectMeta } from './chart.js';

export type Quantity = string | number;
export type Labels = Record<string, string>;

export interface Probe {
  httpGet?: { path?: string; port?: string | number };
  tcpSocket?: { port?: string | number };
  initialDelaySeconds?: number;
  periodSeconds?: number;
}

export interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  ports?: Array<{ name?: string; containerPort: number }>;
  env?: Array<{ name: string; value?: string; valueFrom?: unknown }>;
  envFrom?: Array<{ secretRef?: { name: string }; configMapRef?: { name: string } }>;
  resources?: { requests?: Record<string, Quantity>; limits?: Record<string, Quantity> };
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  securityContext?: {
    runAsNonRoot?: boolean;
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    privileged?: boolean;
    capabilities?: { drop?: string[]; add?: string[] };
    seccompProfile?: { type: string };
  };
  volumeMounts?: Array<{ name: string; mountPath: string }>;
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  imagePullSecrets?: Array<{ name: string }>;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number; seccompProfile?: { type: string } };
  volumes?: Array<{ name: string; emptyDir?: Record<string, unknown> }>;
  automountServiceAccountToken?: boolean;
}

export interface DeploymentSpec {
  replicas?: number;
  selector: { matchLabels: Labels };
  strategy: { type: string; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } };
  template: { metadata: { labels?: Labels; annotations?: Labels }; spec: PodSpec };
}

export interface ServiceSpec {
  selector: Labels;
  ports: Array<{ name?: string; port: number; targetPort?: number | string }>;
}

export interface HpaPolicy {
  type: string;
  value: number;
  periodSeconds: number;
}

export interface HpaSpec {
  scaleTargetRef: { apiVersion: string; kind: string; name: string };
  minReplicas: number;
  maxReplicas: number;
  metrics: Array<{
    type: string;
    resource?: { name: string; target: { type: string; averageUtilization?: number } };
  }>;
  behavior: {
    scaleUp: { stabilizationWindowSeconds: number; policies: HpaPolicy[] };
    scaleDown: { stabilizationWindowSeconds: number; policies: HpaPolicy[] };
  };
}

export interface PdbSpec {
  maxUnavailable?: number | string;
  minAvailable?: number | string;
  selector: { matchLabels: Labels };
}

export interface IngressSpec {
  ingressClassName: string;
  tls: Array<{ hosts: string[]; secretName: string }>;
  rules: Array<{
    host: string;
    http: {
      paths: Array<{
        path: string;
        pathType: string;
        backend: { service: { name: string; port: { name?: string; number?: number } } };
      }>;
    };
  }>;
}

export interface ServiceMonitorSpec {
  selector: { matchLabels: Labels };
  namespaceSelector: { matchNames: string[] };
  endpoints: Array<{ port: string; path: string; interval: string }>;
}

export interface PrometheusRuleSpec {
  groups: Array<{
    name: string;
    rules: Array<{ alert: string; expr: string; for: string; labels: Labels; annotations: Labels }>;
  }>;
}

export interface DaprMetadataItem {
  name: string;
  value?: string;
  secretKeyRef?: { name: string; key: string };
}

export interface DaprComponent extends K8sObject {
  spec: { type: string; version: string; metadata: DaprMetadataItem[] };
  auth?: { secretStore: string };
  scopes?: string[];
}

export interface DaprConfigurationSpec {
  tracing: { samplingRate: string };
  metric: { enabled: boolean };
}

export function specOf<T>(object: K8sObject): T {
  if (object.spec === undefined) throw new Error(`${object.kind} ${object.metadata.name} has no spec`);
  return object.spec as T;
}

/** Every pod spec in the output: Deployments' templates and bare Pods (the test hook). */
export function podSpecs(objects: readonly K8sObject[]): Array<{ owner: string; meta?: ObjectMeta; spec: PodSpec }> {
  return objects.flatMap((object) => {
    if (object.kind === 'Deployment') {
      return [{ owner: `Deployment ${object.metadata.name}`, spec: specOf<DeploymentSpec>(object).template.spec }];
    }
    if (object.kind === 'Pod') return [{ owner: `Pod ${object.metadata.name}`, meta: object.metadata, spec: specOf<PodSpec>(object) }];
    return [];
  });
}

export function containersOf(spec: PodSpec): Container[] {
  return [...(spec.initContainers ?? []), ...spec.containers];
}

/** The tag of an image reference, or undefined when it has none (a digest alone counts as pinned). */
export function imageTag(image: string): string | undefined {
  const withoutDigest = image.split('@')[0] ?? image;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon === -1 ? undefined : withoutDigest.slice(colon + 1);
}

/** True when every field of `expected` is in `actual` with the same value (objects recursively, arrays item by item). */
export function isSubset(expected: unknown, actual: unknown): boolean {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && expected.length === actual.length && expected.every((item, i) => isSubset(item, actual[i]));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
    const actualRecord = actual as Record<string, unknown>;
    return Object.entries(expected as Record<string, unknown>).every(([key, value]) => isSubset(value, actualRecord[key]));
  }
  return expected === actual;
}
