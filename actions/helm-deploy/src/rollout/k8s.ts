/** The few fields of Kubernetes objects the rollout watch reads (API list items). */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: Array<{ kind: string; name: string; uid: string; controller?: boolean }>;
}

export interface KubeObject {
  kind: string;
  metadata: ObjectMeta;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

export interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; message?: string; exitCode?: number; signal?: number };
}

export interface ContainerStatus {
  name: string;
  image?: string;
  ready?: boolean;
  /** false until the startup probe passed (true at once without one). */
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

/** The timing fields of a probe (the API server fills in the defaults). */
export interface Probe {
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  failureThreshold?: number;
}

export interface Container {
  name: string;
  image?: string;
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
  startupProbe?: Probe;
  readinessProbe?: Probe;
}

export interface PodCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface Pod extends KubeObject {
  kind: 'Pod';
  spec?: { containers?: Container[] } & Record<string, unknown>;
  status?: {
    phase?: string;
    conditions?: PodCondition[];
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  } & Record<string, unknown>;
}

export interface KubeEvent extends KubeObject {
  kind: 'Event';
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  /** fieldPath names the container of a kubelet event: spec.containers{name}. */
  involvedObject?: { kind?: string; name?: string; uid?: string; fieldPath?: string };
  lastTimestamp?: string;
  eventTime?: string;
}

export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

export interface WorkloadRef {
  kind: WorkloadKind;
  name: string;
  namespace: string;
}

export const num = (value: unknown): number => (typeof value === 'number' ? value : 0);
