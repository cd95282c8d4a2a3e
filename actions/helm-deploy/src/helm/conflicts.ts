/** A server-side apply conflict helm 4 reported: a field of an object owned by another field manager. */
export interface ApplyConflict {
  object: string;
  manager: string;
  subresource?: string;
  fields: string[];
}

const OBJECT = /conflict occurred while applying object (\S+) [^,]+, Kind=(\w+): Apply failed with \d+ conflicts?: (.*)$/;
const ONE = /conflicts? with "([^"]+)"(?: with subresource "([^"]+)")? using [^:]+:((?:\s*-\s*[^\s;]+)+|\s*[^\s;]+)/g;

/**
 * The conflicts in helm's error output, e.g. `conflict occurred while applying object ns/web
 * apps/v1, Kind=Deployment: Apply failed with 1 conflict: conflict with "kubectl" with
 * subresource "scale" using apps/v1: .spec.replicas`. Empty when there is none. Pure.
 */
export function applyConflicts(stderr: string): ApplyConflict[] {
  const text = stderr.replace(/\r?\n/g, ' ');
  const found: ApplyConflict[] = [];
  for (const line of text.split(/(?=conflict occurred while applying object)/)) {
    const object = OBJECT.exec(line.replace(/\\"/g, '"'));
    if (!object) continue;
    const [, where, kind, rest] = object as unknown as [string, string, string, string];
    for (const m of rest.matchAll(ONE)) {
      const fields = (m[3] ?? '')
        .split(/\s*-\s*|\s+/)
        .map((f) => f.trim().replace(/"$/, ''))
        .filter((f) => f.startsWith('.'));
      const conflict: ApplyConflict = { object: `${kind} ${where}`, manager: m[1] as string, fields };
      if (m[2]) conflict.subresource = m[2];
      if (!found.some((c) => c.object === conflict.object && c.manager === conflict.manager)) found.push(conflict);
    }
  }
  return found;
}

/** The conflicts in one line: the field, its owner, and the three ways out. Pure. */
export function conflictMessage(conflicts: readonly ApplyConflict[]): string {
  const owned = conflicts
    .map(
      (c) =>
        `${c.object}: ${c.fields.join(', ')} ${c.fields.length === 1 ? 'is' : 'are'} owned by "${c.manager}"${c.subresource ? ` (through its ${c.subresource} subresource)` : ''}`,
    )
    .join('; ');
  return (
    `server-side apply conflict: ${owned}. Either let the chart take the field over (force-conflicts: true, helm --force-conflicts), ` +
    'stop setting it in the chart (for example replicas while an HPA or kubectl scale owns them), ' +
    'or have the other manager release it'
  );
}
