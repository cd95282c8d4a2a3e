import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MARKER = '.complete';

/** True when an install into `dir` finished (the marker is written last). */
export function isComplete(dir: string): boolean {
  return existsSync(join(dir, MARKER));
}

export function markComplete(dir: string, facts: Record<string, unknown>): void {
  writeFileSync(join(dir, MARKER), `${JSON.stringify({ ...facts, completedAt: new Date().toISOString() }, null, 2)}\n`);
}

export function readMarker(dir: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
