import { parseAllDocuments } from 'yaml';
import { WORKLOAD_KINDS, type WorkloadKind, type WorkloadRef } from './k8s.js';

const KIND = /^kind:[ \t]*["']?(\w+)["']?[ \t]*(?:#.*)?$/m;
const METADATA = /^metadata:[ \t]*\n((?:(?:[ \t]+.*)?\n?)*)/m;

/** kind, name and namespace read from the text of one rendered document, or undefined when unsure. */
function quickRead(text: string): { kind: string; name: string; namespace?: string } | undefined {
  const kind = KIND.exec(text)?.[1];
  const metadata = METADATA.exec(text)?.[1];
  const indent = metadata === undefined ? undefined : /^([ \t]+)\S/m.exec(metadata)?.[1];
  if (!kind || metadata === undefined || indent === undefined) return undefined;
  const field = (name: string) => new RegExp(`^${indent}${name}:[ \\t]*["']?([a-z0-9.-]+)["']?[ \\t]*(?:#.*)?$`, 'm').exec(metadata)?.[1];
  const name = field('name');
  if (!name) return undefined;
  const namespace = field('namespace');
  return { kind, name, ...(namespace ? { namespace } : {}) };
}

function parsed(text: string): { kind?: string; name?: string; namespace?: string } | undefined {
  const value = parseAllDocuments(text)[0]?.toJS() as
    { kind?: string; metadata?: { name?: string; namespace?: string } } | null | undefined;
  return value ? { kind: value.kind, name: value.metadata?.name, namespace: value.metadata?.namespace } : undefined;
}

/** The Deployments, StatefulSets and DaemonSets a release's rendered manifest creates. */
export function workloadsInManifest(manifest: string, defaultNamespace: string): WorkloadRef[] {
  const refs: WorkloadRef[] = [];
  // Only documents that may be workloads are read, and most by a quick look at their text;
  // the YAML parser (slow on a big chart) is kept for the documents the quick look is unsure of.
  for (const text of manifest.split(/^---[ \t]*$/m)) {
    if (!/^kind:[ \t]*["']?(Deployment|StatefulSet|DaemonSet)\b/m.test(text)) continue;
    const read = quickRead(text) ?? parsed(text);
    if (!read || !WORKLOAD_KINDS.includes(read.kind as WorkloadKind) || !read.name) continue;
    refs.push({ kind: read.kind as WorkloadKind, name: read.name, namespace: read.namespace ?? defaultNamespace });
  }
  return refs.sort((a, b) => `${a.kind}/${a.name}`.localeCompare(`${b.kind}/${b.name}`));
}
