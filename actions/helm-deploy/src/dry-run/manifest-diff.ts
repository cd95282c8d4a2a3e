import { parseAllDocuments, stringify } from 'yaml';
import { lineDiff } from './line-diff.js';

interface Resource {
  key: string;
  body: Record<string, unknown>;
}

function resources(manifest: string, namespace: string): Map<string, Resource> {
  const out = new Map<string, Resource>();
  for (const doc of parseAllDocuments(manifest)) {
    const body = doc.toJS() as Record<string, unknown> | null;
    if (!body || typeof body !== 'object') continue;
    const meta = (body.metadata ?? {}) as { name?: string; namespace?: string };
    const key = `${String(body.kind)} ${meta.namespace ?? namespace}/${meta.name ?? ''}`;
    out.set(key, { key, body });
  }
  return out;
}

/**
 * Secret values never reach the diff: each becomes '(hidden)'; on the new side a value that
 * differs from the deployed one becomes '(hidden, changed)', so the diff shows which keys changed.
 */
function hideSecret(body: Record<string, unknown>, deployed: Record<string, unknown> | undefined): Record<string, unknown> {
  if (body.kind !== 'Secret') return body;
  const copy: Record<string, unknown> = { ...body };
  const merged = { ...((deployed?.data ?? {}) as object), ...((deployed?.stringData ?? {}) as object) } as Record<string, unknown>;
  for (const field of ['data', 'stringData']) {
    const values = body[field] as Record<string, unknown> | undefined;
    if (!values || typeof values !== 'object') continue;
    copy[field] = Object.fromEntries(
      Object.keys(values).map((name) => [
        name,
        deployed === undefined || !(name in merged) || merged[name] === values[name] ? '(hidden)' : '(hidden, changed)',
      ]),
    );
  }
  return copy;
}

export interface ManifestDiff {
  added: string[];
  removed: string[];
  changed: string[];
  unchanged: number;
  /** The diff text, Secret values hidden. */
  text: string;
}

/** Compares the deployed manifest with the one a dry run rendered. Pure. */
export function manifestDiff(deployed: string, rendered: string, namespace: string): ManifestDiff {
  const before = resources(deployed, namespace);
  const after = resources(rendered, namespace);
  const result: ManifestDiff = { added: [], removed: [], changed: [], unchanged: 0, text: '' };
  const chunks: string[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const old = before.get(key)?.body;
    const now = after.get(key)?.body;
    const oldText = old ? stringify(hideSecret(old, undefined)) : '';
    const newText = now ? stringify(hideSecret(now, old)) : '';
    if (old && now && JSON.stringify(old) === JSON.stringify(now)) {
      result.unchanged += 1;
      continue;
    }
    (old === undefined ? result.added : now === undefined ? result.removed : result.changed).push(key);
    const lines = lineDiff(oldText === '' ? [] : oldText.trimEnd().split('\n'), newText === '' ? [] : newText.trimEnd().split('\n'));
    chunks.push(`# ${key} (${old === undefined ? 'added' : now === undefined ? 'removed' : 'changed'})`, ...lines);
  }
  result.text = chunks.join('\n');
  return result;
}
