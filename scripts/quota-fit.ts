// Whether a release fits a namespace's ResourceQuota and LimitRange at its peak: every
// Deployment at its HPA maximum (or its replicas) plus its rolling-update surge, each pod with
// its Dapr sidecar, plus the other pods the namespace runs (helm test, the ACME solver). Pure:
// it reads rendered objects and says, per quota line, what is needed and by how much it falls
// short.

/** A Kubernetes object as rendered or read back (only what is read here). */
export interface KubeObject {
  apiVersion?: string;
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: unknown;
}

interface Resources {
  requests?: Record<string, string>;
  limits?: Record<string, string>;
}
interface Container {
  name: string;
  resources?: Resources;
}
interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
}

/** CPU and memory, in millicores and bytes. */
export interface Amount {
  cpu: number;
  memory: number;
}

const MEMORY_UNITS: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};

/** A CPU quantity ("250m", "2", "0.5") in millicores; anything else fails naming it. */
export function parseCpu(quantity: string, what = 'cpu'): number {
  const match = /^([0-9]+(?:\.[0-9]+)?)(m?)$/.exec(quantity.trim());
  if (!match) throw new Error(`${what}: "${quantity}" is not a CPU quantity (expected e.g. 250m or 2)`);
  const value = Number(match[1]);
  return match[2] === 'm' ? value : Math.round(value * 1000);
}

/** A memory quantity ("256Mi", "1Gi", "500M", "1048576") in bytes; anything else fails naming it. */
export function parseMemory(quantity: string, what = 'memory'): number {
  const match = /^([0-9]+(?:\.[0-9]+)?)([kMGT]i?|Ki)?$/.exec(quantity.trim());
  const unit = MEMORY_UNITS[match?.[2] ?? ''];
  if (!match || unit === undefined) throw new Error(`${what}: "${quantity}" is not a memory quantity (expected e.g. 256Mi or 1Gi)`);
  return Math.round(Number(match[1]) * unit);
}

export function formatCpu(millicores: number): string {
  return millicores % 1000 === 0 ? String(millicores / 1000) : `${millicores}m`;
}

export function formatMemory(bytes: number): string {
  const gi = bytes / 2 ** 30;
  return gi >= 1 ? `${Number(gi.toFixed(2))}Gi` : `${Number((bytes / 2 ** 20).toFixed(1))}Mi`;
}

function amountOf(list: Record<string, string> | undefined, what: string): Amount {
  return {
    cpu: list?.cpu === undefined ? 0 : parseCpu(list.cpu, `${what}.cpu`),
    memory: list?.memory === undefined ? 0 : parseMemory(list.memory, `${what}.memory`),
  };
}

const add = (a: Amount, b: Amount): Amount => ({ cpu: a.cpu + b.cpu, memory: a.memory + b.memory });
const times = (a: Amount, n: number): Amount => ({ cpu: a.cpu * n, memory: a.memory * n });
const ZERO: Amount = { cpu: 0, memory: 0 };

/** One kind of pod at the release's peak. */
export interface PeakPods {
  /** Deployment name, or the pod's. */
  name: string;
  pods: number;
  /** How the count was reached, e.g. "HPA max 6 + surge 1". */
  why: string;
  /** Requests of one pod, sidecar included. */
  perPod: Amount;
  /** Every container's limits (sidecar included), to hold against the LimitRange's max. */
  containerLimits: Array<{ container: string } & Amount>;
}

const DAPR_SIDECAR = 'daprd';

/** The Dapr sidecar the injector adds to a pod annotated dapr.io/enabled, with its resource annotations. */
function daprSidecar(annotations: Record<string, string> | undefined, where: string): Container | undefined {
  if (annotations?.['dapr.io/enabled'] !== 'true') return undefined;
  const pick = (key: string) => annotations[`dapr.io/sidecar-${key}`];
  const list = (kind: 'request' | 'limit') =>
    Object.fromEntries(
      (['cpu', 'memory'] as const).flatMap((r) => {
        const value = pick(`${r}-${kind}`);
        return value === undefined ? [] : [[r, value]];
      }),
    );
  return { name: `${DAPR_SIDECAR} (${where})`, resources: { requests: list('request'), limits: list('limit') } };
}

/** Requests of one pod: its containers (sidecar included); an init container counts when it needs more. */
function podRequests(spec: PodSpec, extra: Container[], where: string): Amount {
  const containers = [...spec.containers, ...extra];
  const running = containers.reduce((sum, c) => add(sum, amountOf(c.resources?.requests, `${where} ${c.name} requests`)), ZERO);
  const init = (spec.initContainers ?? []).map((c) => amountOf(c.resources?.requests, `${where} ${c.name} requests`));
  return init.reduce((peak, i) => ({ cpu: Math.max(peak.cpu, i.cpu), memory: Math.max(peak.memory, i.memory) }), running);
}

function limitsOf(containers: Container[], where: string): PeakPods['containerLimits'] {
  return containers.map((c) => ({ container: c.name, ...amountOf(c.resources?.limits, `${where} ${c.name} limits`) }));
}

/** A rolling update's surge in pods: an integer, or a percentage of the replicas (rounded up, as Kubernetes does). */
function surgePods(maxSurge: number | string | undefined, replicas: number): number {
  if (maxSurge === undefined) return Math.ceil(replicas * 0.25);
  if (typeof maxSurge === 'number') return maxSurge;
  const percent = /^([0-9]+)%$/.exec(maxSurge);
  if (!percent) throw new Error(`maxSurge "${maxSurge}" is neither a number nor a percentage`);
  return Math.ceil((replicas * Number(percent[1])) / 100);
}

interface DeploymentSpec {
  replicas?: number;
  strategy?: { type?: string; rollingUpdate?: { maxSurge?: number | string } };
  template: { metadata?: { annotations?: Record<string, string> }; spec: PodSpec };
}
interface HpaSpec {
  scaleTargetRef: { kind: string; name: string };
  maxReplicas: number;
}

/**
 * The pods of a release at its peak: each Deployment at its HPA's maxReplicas (its replicas
 * without an HPA) plus the surge of a rolling update, and every bare Pod (a helm test hook)
 * once; `otherPods` are pods the release makes others create (an ACME HTTP-01 solver).
 */
export function peakPods(objects: readonly KubeObject[], otherPods: readonly PeakPods[] = []): PeakPods[] {
  const hpaMax = new Map<string, number>();
  for (const o of objects) {
    if (o.kind !== 'HorizontalPodAutoscaler') continue;
    const spec = o.spec as HpaSpec;
    if (spec.scaleTargetRef.kind === 'Deployment') hpaMax.set(spec.scaleTargetRef.name, spec.maxReplicas);
  }
  const peaks: PeakPods[] = [];
  for (const o of objects) {
    if (o.kind === 'Deployment') {
      const spec = o.spec as DeploymentSpec;
      const max = hpaMax.get(o.metadata.name);
      const replicas = max ?? spec.replicas ?? 1;
      const surge = spec.strategy?.type === 'Recreate' ? 0 : surgePods(spec.strategy?.rollingUpdate?.maxSurge, replicas);
      const sidecar = daprSidecar(spec.template.metadata?.annotations, o.metadata.name);
      const extra = sidecar ? [sidecar] : [];
      peaks.push({
        name: o.metadata.name,
        pods: replicas + surge,
        why: `${max !== undefined ? `HPA max ${max}` : `replicas ${replicas}`} + surge ${surge}`,
        perPod: podRequests(spec.template.spec, extra, o.metadata.name),
        containerLimits: limitsOf([...spec.template.spec.containers, ...extra], o.metadata.name),
      });
    } else if (o.kind === 'Pod') {
      const spec = o.spec as PodSpec;
      peaks.push({
        name: o.metadata.name,
        pods: 1,
        why: 'one pod',
        perPod: podRequests(spec, [], o.metadata.name),
        containerLimits: limitsOf(spec.containers, o.metadata.name),
      });
    }
  }
  return [...peaks, ...otherPods];
}

export interface QuotaLine {
  /** requests.cpu, requests.memory, pods, or limitrange.max.<cpu|memory>. */
  resource: string;
  needed: string;
  hard: string;
  ok: boolean;
  /** Why it does not fit and what to change; empty when it fits. */
  advice: string;
}

interface QuotaSpec {
  hard: Record<string, string>;
}
interface LimitRangeSpec {
  limits: Array<{ type: string; max?: Record<string, string> }>;
}

const largest = (peaks: readonly PeakPods[], of: (p: PeakPods) => number) =>
  [...peaks].sort((a, b) => of(b) - of(a))[0] as PeakPods | undefined;

/**
 * Holds the peak against the ResourceQuota's requests.cpu, requests.memory and pods, and each
 * container's limits against the LimitRange's max. A quota line the quota does not set is not
 * reported; a requests quota also needs every container to state its requests (an injected
 * sidecar gets no LimitRange default), which is reported as well.
 */
export function quotaFit(peaks: readonly PeakPods[], quota: KubeObject, limitRange?: KubeObject): QuotaLine[] {
  const hard = (quota.spec as QuotaSpec).hard;
  const total = peaks.reduce((sum, p) => add(sum, times(p.perPod, p.pods)), ZERO);
  const pods = peaks.reduce((sum, p) => sum + p.pods, 0);
  const lines: QuotaLine[] = [];
  const describe = (p: PeakPods | undefined, value: (p: PeakPods) => string) =>
    p ? `the largest share is ${p.name}: ${p.pods} pods (${p.why}) × ${value(p)}` : '';

  const units = {
    cpu: { parse: parseCpu, format: formatCpu },
    memory: { parse: parseMemory, format: formatMemory },
  } as const;
  for (const resource of ['cpu', 'memory'] as const) {
    const quotaKey = `requests.${resource}`;
    const hardValue = hard[quotaKey];
    if (hardValue === undefined) continue;
    const { parse, format } = units[resource];
    const h = parse(hardValue, `ResourceQuota ${quotaKey}`);
    const need = total[resource];
    const top = largest(peaks, (p) => p.perPod[resource] * p.pods);
    lines.push({
      resource: quotaKey,
      needed: format(need),
      hard: hardValue,
      ok: need <= h,
      advice:
        need <= h
          ? ''
          : `short by ${format(need - h)}: raise ${quotaKey} to at least ${format(need)}, or lower maxReplicas or ${resource === 'cpu' ? 'CPU' : 'memory'} requests; ${describe(top, (p) => format(p.perPod[resource]))}`,
    });
  }
  const cpuHard = hard['requests.cpu'];
  const memHard = hard['requests.memory'];
  const podsHard = hard.pods;
  if (podsHard !== undefined) {
    const h = Number(podsHard);
    lines.push({
      resource: 'pods',
      needed: String(pods),
      hard: podsHard,
      ok: pods <= h,
      advice: pods <= h ? '' : `short by ${pods - h}: raise pods to at least ${pods}, or lower maxReplicas`,
    });
  }
  if (cpuHard !== undefined || memHard !== undefined) {
    const unstated = peaks.filter((p) => (cpuHard !== undefined && p.perPod.cpu === 0) || (memHard !== undefined && p.perPod.memory === 0));
    lines.push({
      resource: 'requests stated',
      needed: 'every pod',
      hard: 'requests quota',
      ok: unstated.length === 0,
      advice: unstated.length === 0 ? '' : `no requests on ${unstated.map((p) => p.name).join(', ')}: the quota refuses such pods`,
    });
  }
  const max = (limitRange?.spec as LimitRangeSpec | undefined)?.limits.find((l) => l.type === 'Container')?.max;
  for (const resource of ['cpu', 'memory'] as const) {
    const bound = max?.[resource];
    if (bound === undefined) continue;
    const h = resource === 'cpu' ? parseCpu(bound, 'LimitRange max.cpu') : parseMemory(bound, 'LimitRange max.memory');
    const over = peaks.flatMap((p) => p.containerLimits.filter((c) => c[resource] > h).map((c) => `${p.name}/${c.container}`));
    const biggest = Math.max(0, ...peaks.flatMap((p) => p.containerLimits.map((c) => c[resource])));
    const fmt = resource === 'cpu' ? formatCpu : formatMemory;
    lines.push({
      resource: `limitrange.max.${resource}`,
      needed: fmt(biggest),
      hard: bound,
      ok: over.length === 0,
      advice:
        over.length === 0 ? '' : `limits above the LimitRange's max.${resource} on ${over.join(', ')}: the API server refuses those pods`,
    });
  }
  return lines;
}
