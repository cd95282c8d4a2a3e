import type { ActionMetadata } from './action-metadata.js';

const cell = (text: string): string => text.trim().replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function inputsTable(meta: ActionMetadata): string {
  const rows = Object.entries(meta.inputs).map(([name, spec]) => {
    const fallback = spec.default === undefined || spec.default === '' ? '' : `\`${cell(spec.default)}\``;
    return `| \`${name}\` | ${spec.required ? 'yes' : 'no'} | ${fallback} | ${cell(spec.description ?? '')} |`;
  });
  return ['| Input | Required | Default | Description |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export function outputsTable(meta: ActionMetadata): string {
  const rows = Object.entries(meta.outputs).map(([name, spec]) => `| \`${name}\` | ${cell(spec.description ?? '')} |`);
  return ['| Output | Description |', '| --- | --- |', ...rows].join('\n');
}

const block = (name: string, body: string): string =>
  `<!-- ${name}:start (generated from action.yml by npm run build) -->\n${body}\n<!-- ${name}:end -->`;

/** Replaces the generated blocks of a README with tables made from action.yml. */
export function renderReadme(readme: string, meta: ActionMetadata): string {
  let out = readme;
  for (const [name, body] of [
    ['inputs', inputsTable(meta)],
    ['outputs', outputsTable(meta)],
  ] as const) {
    const pattern = new RegExp(`<!-- ${name}:start[^>]*-->[\\s\\S]*?<!-- ${name}:end -->`);
    if (!pattern.test(out)) throw new Error(`README has no <!-- ${name}:start --> ... <!-- ${name}:end --> block`);
    out = out.replace(pattern, () => block(name, body));
  }
  return out;
}
