import { parseAllDocuments } from 'yaml';
import { WORKLOAD_KINDS, type WorkloadKind, type WorkloadRef } from './k8s.js';

/** The Deployments, StatefulSets and DaemonSets a release's rendered manifest creates. */
export function workloadsInManifest(manifest: string, defaultNamespace: string): WorkloadRef[] {
  const refs: WorkloadRef[] = [];
  for (const doc of parseAllDocuments(manifest)) {
    const value = doc.toJS() as { kind?: string; metadata?: { name?: string; namespace?: string } } | null;
    if (!value || typeof value !== 'object') continue;
    if (!WORKLOAD_KINDS.includes(value.kind as WorkloadKind) || !value.metadata?.name) continue;
    refs.push({ kind: value.kind as WorkloadKind, name: value.metadata.name, namespace: value.metadata.namespace ?? defaultNamespace });
  }
  return refs.sort((a, b) => `${a.kind}/${a.name}`.localeCompare(`${b.kind}/${b.name}`));
}
