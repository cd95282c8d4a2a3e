import type { ActionMetadata } from './action-metadata.js';

/**
 * Problems with an action's contract: inputs read that are not declared (or declared and
 * never read), required inputs with defaults, inputs or outputs without a description, and
 * a runtime other than node24. Empty when all is well.
 */
export function contractProblems(meta: ActionMetadata, inputsRead: ReadonlySet<string>, action: string): string[] {
  const problems: string[] = [];
  const declared = new Set(Object.keys(meta.inputs));
  for (const name of inputsRead) if (!declared.has(name)) problems.push(`input '${name}' is read but not declared`);
  for (const name of declared) if (!inputsRead.has(name)) problems.push(`input '${name}' is declared but never read`);
  for (const [name, spec] of Object.entries(meta.inputs)) {
    if (spec.required && spec.default !== undefined) problems.push(`required input '${name}' has a default`);
    if (!spec.description?.trim()) problems.push(`input '${name}' has no description`);
  }
  for (const [name, spec] of Object.entries(meta.outputs)) {
    if (!spec.description?.trim()) problems.push(`output '${name}' has no description`);
  }
  if (meta.runs.using !== 'node24') problems.push(`runs.using is ${meta.runs.using}, not node24`);
  if (meta.runs.main !== `../dist/${action}/index.js`) problems.push(`runs.main is ${meta.runs.main}, not ../dist/${action}/index.js`);
  if (meta.runs.post !== undefined && meta.runs.post !== `../dist/${action}/index.js`) {
    problems.push(`runs.post is ${meta.runs.post}, not ../dist/${action}/index.js`);
  }
  return problems;
}
