import { parseAllDocuments, stringify } from 'yaml';
import { lineDiff } from './line-diff.js';

interface Resource {
  key: string;
  body: Record<string, unknown>;
}

/** The objects of a document: itself, or the items of a List (kind List or any *List), so a Secret in a List is hidden too. */
function objectsOf(body: Record<string, unknown>): Record<string, unknown>[] {
  if (typeof body.kind === 'string' && body.kind.endsWith('List') && Array.isArray(body.items))
    return (body.items as unknown[]).filter((i): i is Record<string, unknown> => Boolean(i) && typeof i === 'object').flatMap(objectsOf);
  return [body];
}

function resources(manifest: string, namespace: string): Map<string, Resource> {
  const out = new Map<string, Resource>();
  for (const doc of parseAllDocuments(manifest)) {
    const top = doc.toJS() as Record<string, unknown> | null;
    if (!top || typeof top !== 'object') continue;
    for (const body of objectsOf(top)) {
      const meta = (body.metadata ?? {}) as { name?: string; namespace?: string };
      const key = `${String(body.kind)} ${meta.namespace ?? namespace}/${meta.name ?? ''}`;
      out.set(key, { key, body });
    }
  }
  return out;
}

// Never folded: a folded line splits a value over two lines that no mask matches.
const text = (body: Record<string, unknown>): string => stringify(body, { lineWidth: 0, minContentWidth: 0 });

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
    const oldText = old ? text(hideSecret(old, undefined)) : '';
    const newText = now ? text(hideSecret(now, old)) : '';
    if (old && now && JSON.stringify(old) === JSON.stringify(now)) {
      result.unchanged += 1;
      continue;
    }
    (old === undefined ? result.added : now === undefined ? result.removed : result.changed).push(key);
    const oldLines = oldText === '' ? [] : oldText.trimEnd().split('\n');
    const newLines = newText === '' ? [] : newText.trimEnd().split('\n');
    const lines = lineDiff(oldLines, newLines) ?? [
      `@@ too many changed lines to show (${oldLines.length} before, ${newLines.length} after)`,
    ];
    chunks.push(`# ${key} (${old === undefined ? 'added' : now === undefined ? 'removed' : 'changed'})`, ...lines);
  }
  result.text = chunks.join('\n');
  return result;
}
