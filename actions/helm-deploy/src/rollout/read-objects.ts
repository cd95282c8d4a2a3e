import type { KubeApi } from '../adapters/kube-api.js';
import type { KubeObject, WorkloadRef } from './k8s.js';

interface ListSpec {
  group: string;
  resource: string;
  kind: string;
}

const LIST: Record<string, ListSpec> = {
  Deployment: { group: '/apis/apps/v1', resource: 'deployments', kind: 'Deployment' },
  StatefulSet: { group: '/apis/apps/v1', resource: 'statefulsets', kind: 'StatefulSet' },
  DaemonSet: { group: '/apis/apps/v1', resource: 'daemonsets', kind: 'DaemonSet' },
  ReplicaSet: { group: '/apis/apps/v1', resource: 'replicasets', kind: 'ReplicaSet' },
  Pod: { group: '/api/v1', resource: 'pods', kind: 'Pod' },
};

/** The kinds to list for these workloads: themselves, their pods, and ReplicaSets for Deployments. Pure. */
export function kindsToRead(refs: readonly WorkloadRef[]): string[] {
  const kinds = new Set(refs.map((r) => r.kind as string));
  if (kinds.has('Deployment')) kinds.add('ReplicaSet');
  if (kinds.size > 0) kinds.add('Pod');
  return [...kinds].sort();
}

async function list(api: KubeApi, spec: ListSpec, namespace: string, query: string, signal?: AbortSignal): Promise<KubeObject[]> {
  const path = `${spec.group}/namespaces/${encodeURIComponent(namespace)}/${spec.resource}${query}`;
  const body = await api.json<{ items?: KubeObject[] }>('GET', path, undefined, signal ? { signal } : {});
  // the items of a list carry no kind of their own
  return (body.items ?? []).map((item) => ({ ...item, kind: spec.kind }));
}

/** The objects the rollout verdict reads, listed at once (one request per kind). */
export async function readRolloutObjects(
  api: KubeApi,
  kinds: readonly string[],
  namespace: string,
  signal?: AbortSignal,
): Promise<KubeObject[]> {
  const lists = await Promise.all(
    kinds.map((kind) => {
      const spec = LIST[kind];
      if (!spec) throw new Error(`no list for kind ${kind}`);
      return list(api, spec, namespace, '', signal);
    }),
  );
  return lists.flat();
}

/** The namespace's Warning events. */
export function readWarningEvents(api: KubeApi, namespace: string): Promise<KubeObject[]> {
  return list(api, { group: '/api/v1', resource: 'events', kind: 'Event' }, namespace, '?fieldSelector=type%3DWarning');
}
