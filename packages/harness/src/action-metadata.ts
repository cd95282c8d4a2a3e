import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './repo.js';

export interface InputSpec {
  description?: string;
  required?: boolean;
  default?: string;
}

export interface ActionMetadata {
  name: string;
  description: string;
  inputs: Record<string, InputSpec>;
  outputs: Record<string, { description?: string }>;
  runs: { using: string; main: string; pre?: string; post?: string; 'post-if'?: string };
  branding?: Record<string, string>;
}

/** Reads <root>/<action>/action.yml. */
export function readActionMetadata(action: string, root = repoRoot()): ActionMetadata {
  const meta = parse(readFileSync(join(root, action, 'action.yml'), 'utf8')) as ActionMetadata;
  meta.inputs ??= {};
  meta.outputs ??= {};
  for (const spec of Object.values(meta.inputs)) {
    if (spec.default !== undefined) spec.default = String(spec.default);
  }
  return meta;
}
