import { log } from '@todo-deploy/runtime';
import type { KubeApi } from '../adapters/kube-api.js';
import { isLogUnavailableNotice, logLines, logPath, type ContainerLog, type LogTarget } from './container-logs.js';
import type { KubeObject, WorkloadKind, WorkloadRef } from './k8s.js';

interface ListSpec {
  group: string;
  resource: string;
  kind: string;
}

const SPEC: Record<WorkloadKind | 'ReplicaSet' | 'Pod', ListSpec> = {
  Deployment: { group: '/apis/apps/v1', resource: 'deployments', kind: 'Deployment' },
  StatefulSet: { group: '/apis/apps/v1', resource: 'statefulsets', kind: 'StatefulSet' },
  DaemonSet: { group: '/apis/apps/v1', resource: 'daemonsets', kind: 'DaemonSet' },
  ReplicaSet: { group: '/apis/apps/v1', resource: 'replicasets', kind: 'ReplicaSet' },
  Pod: { group: '/api/v1', resource: 'pods', kind: 'Pod' },
};

const collection = (spec: ListSpec, namespace: string): string =>
  `${spec.group}/namespaces/${encodeURIComponent(namespace)}/${spec.resource}`;

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

/**
 * A workload's spec.selector as the labelSelector query of a list (k=v, k in (a,b), k notin (a),
 * k, !k); undefined for an empty selector, which would select everything. Pure.
 */
export function selectorQuery(selector: LabelSelector | undefined): string | undefined {
  const parts = Object.entries(selector?.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  for (const e of selector?.matchExpressions ?? []) {
    const values = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.length > 0 ? parts.sort().join(',') : undefined;
}

/**
 * The label pairs every one of the selectors requires (matchLabels with the same value in all),
 * as a labelSelector query: a superset of what each selects, so one list serves them all (a
 * chart's release label, app.kubernetes.io/instance, is one). Undefined when they share none. Pure.
 */
export function sharedSelectorQuery(selectors: ReadonlyArray<LabelSelector | undefined>): string | undefined {
  const [first, ...rest] = selectors.map((s) => s?.matchLabels ?? {});
  if (!first) return undefined;
  const shared = Object.entries(first).filter(([key, value]) => rest.every((labels) => labels[key] === value));
  return shared.length > 0 ? selectorQuery({ matchLabels: Object.fromEntries(shared) }) : undefined;
}

async function list(api: KubeApi, spec: ListSpec, namespace: string, query: string, signal?: AbortSignal): Promise<KubeObject[]> {
  const body = await api.json<{ items?: KubeObject[] }>(
    'GET',
    `${collection(spec, namespace)}${query}`,
    undefined,
    signal ? { signal } : {},
  );
  // the items of a list carry no kind of their own
  return (body.items ?? []).map((item) => ({ ...item, kind: spec.kind }));
}

async function getWorkload(api: KubeApi, ref: WorkloadRef, signal?: AbortSignal): Promise<KubeObject | undefined> {
  const spec = SPEC[ref.kind];
  const response = await api.request(
    'GET',
    `${collection(spec, ref.namespace)}/${encodeURIComponent(ref.name)}`,
    undefined,
    signal ? { signal } : {},
  );
  if (response.status === 404) return undefined;
  if (response.status !== 200) throw new Error(`GET ${ref.kind} ${ref.name}: HTTP ${response.status}`);
  return { ...(JSON.parse(response.text) as KubeObject), kind: ref.kind };
}

/**
 * The objects the rollout verdict reads, and only the release's: each workload by name, then
 * the pods (and for Deployments the ReplicaSets) its selector matches, so a namespace full of
 * other pods costs nothing extra. Several workloads of a namespace whose selectors share label
 * pairs are served by one list per kind with those (the verdict ties pods to workloads by owner,
 * so a wider list changes nothing): N workloads cost N reads and two lists, not 3N requests.
 * Requests of one look go out at once.
 */
export async function readRolloutObjects(api: KubeApi, refs: readonly WorkloadRef[], signal?: AbortSignal): Promise<KubeObject[]> {
  const workloads = (await Promise.all(refs.map((ref) => getWorkload(api, ref, signal)))).filter((w): w is KubeObject => w !== undefined);
  const namespaceOf = (w: KubeObject) => w.metadata.namespace ?? refs[0]?.namespace ?? '';
  const selectorOf = (w: KubeObject) => w.spec?.selector as LabelSelector | undefined;
  const shared = new Map<string, string | undefined>();
  for (const namespace of new Set(workloads.map(namespaceOf))) {
    const here = workloads.filter((w) => namespaceOf(w) === namespace);
    shared.set(namespace, here.length > 1 ? sharedSelectorQuery(here.map(selectorOf)) : undefined);
  }
  const lists = new Map<string, Promise<KubeObject[]>>();
  for (const workload of workloads) {
    const namespace = namespaceOf(workload);
    const query = shared.get(namespace) ?? selectorQuery(selectorOf(workload));
    if (query === undefined) continue;
    const kinds: Array<keyof typeof SPEC> = workload.kind === 'Deployment' ? ['Pod', 'ReplicaSet'] : ['Pod'];
    for (const kind of kinds) {
      const key = `${kind} ${namespace} ${query}`;
      if (!lists.has(key)) lists.set(key, list(api, SPEC[kind], namespace, `?labelSelector=${encodeURIComponent(query)}`, signal));
    }
  }
  const seen = new Set<string>();
  return [...workloads, ...(await Promise.all(lists.values())).flat()].filter((o) => {
    const id = o.metadata.uid ?? `${o.kind}/${o.metadata.name}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** The namespace's Warning events (read once, on the way out of a failure). */
export function readWarningEvents(api: KubeApi, namespace: string): Promise<KubeObject[]> {
  return list(api, { group: '/api/v1', resource: 'events', kind: 'Event' }, namespace, '?fieldSelector=type%3DWarning');
}

const LOG_TIMEOUT_MS = 5000;

/**
 * The last lines of each target container (through the API server, from the kubelet), by pod
 * name. A log that cannot be read (a node that serves none, a run already gone) is left out:
 * the diagnosis goes on without it.
 */
export async function readContainerLogs(
  api: KubeApi,
  namespace: string,
  targets: readonly LogTarget[],
): Promise<Map<string, ContainerLog>> {
  const logs = new Map<string, ContainerLog>();
  const read = async (target: LogTarget): Promise<string[]> => {
    try {
      const response = await api.request('GET', logPath(namespace, target), undefined, {
        timeoutMs: LOG_TIMEOUT_MS,
        accept: 'text/plain, */*',
      });
      if (response.status === 200 && isLogUnavailableNotice(response.text)) {
        log.debug(`logs of pod ${target.pod} container ${target.container}: the kubelet has none (${response.text.trim()})`);
        return [];
      }
      if (response.status === 200) return logLines(response.text);
      log.debug(`logs of pod ${target.pod} container ${target.container}: HTTP ${response.status}`);
    } catch (error) {
      log.debug(`logs of pod ${target.pod} container ${target.container}: ${(error as Error).message}`);
    }
    return [];
  };
  await Promise.all(
    targets.map(async (target) => {
      let lines = await read(target);
      let previous = target.previous;
      if (lines.length === 0 && target.orPrevious) {
        previous = true;
        lines = await read({ pod: target.pod, container: target.container, previous });
      }
      if (lines.length > 0) logs.set(target.pod, { container: target.container, previous, lines });
    }),
  );
  return logs;
}
