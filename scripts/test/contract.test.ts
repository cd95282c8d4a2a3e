import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { recordingReader, type InputReader } from '@todo-deploy/inputs';
import { contractProblems, expressionProblems, readActionMetadata, renderReadme, repoRoot } from '@todo-deploy/harness';
import { parse } from 'yaml';

const root = repoRoot();
/** Actions without a bundle: a few lines of bash in action.yml. */
const COMPOSITE = ['todo-chart'];
const actions = readdirSync(join(root, 'actions')).filter((name) => existsSync(join(root, 'actions', name, 'src', 'index.ts')));

interface InputsModule {
  readInputs: (read: InputReader) => unknown;
}
interface OutputsModule {
  outputs: { names: readonly string[] };
}
interface SampleModule {
  CONTRACT_SAMPLE: Record<string, string>;
}

describe('the repository layout', () => {
  it('has an action folder (action.yml + README.md only) for every action source and composite action, and no other', () => {
    const folders = readdirSync(root).filter((name) => existsSync(join(root, name, 'action.yml')));
    expect(folders.sort()).toEqual([...actions, ...COMPOSITE].sort());
    for (const name of folders) expect(readdirSync(join(root, name)).sort()).toEqual(['README.md', 'action.yml']);
  });

  it('has action.yml files the runner loads: expressions only where it allows them', () => {
    const files = ['action.yml', ...[...actions, ...COMPOSITE].map((name) => join(name, 'action.yml'))];
    for (const file of files)
      expect({ file, problems: expressionProblems(readFileSync(join(root, file), 'utf8')) }).toEqual({ file, problems: [] });
  });

  it('has a root action.yml that fails and names every action', () => {
    const meta = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as { runs: { using: string; steps: Array<{ run: string }> } };
    expect(meta.runs.using).toBe('composite');
    const script = meta.runs.steps.map((s) => s.run).join('\n');
    expect(script).toContain('exit 1');
    for (const name of ['build-images', 'helm-deploy', 'smoke-test', 'verify-cert']) expect(script).toContain(`todo-deploy/${name}@v1`);
  });
});

describe.each(COMPOSITE)('%s (composite action)', (action) => {
  const meta = readActionMetadata(action, root);

  it('runs as a composite action whose outputs each name a step output', () => {
    const runs = (parse(readFileSync(join(root, action, 'action.yml'), 'utf8')) as { runs: { using: string; steps: { id?: string }[] } })
      .runs;
    expect(runs.using).toBe('composite');
    const ids = new Set(runs.steps.map((s) => s.id));
    for (const [name, spec] of Object.entries(meta.outputs)) {
      const step = /^\$\{\{ steps\.([a-z-]+)\.outputs\.[a-z-]+ \}\}$/.exec(String((spec as { value?: string }).value))?.[1];
      expect({ name, step: step !== undefined && ids.has(step) }).toEqual({ name, step: true });
    }
  });

  it('documents every input and output in its README, as generated from action.yml', () => {
    const readme = readFileSync(join(root, action, 'README.md'), 'utf8');
    expect(renderReadme(readme, meta)).toBe(readme);
    expect(readme).toContain(`uses: <owner>/todo-deploy/${action}@v1`);
  });
});

describe.each(actions)('%s contract', (action) => {
  const meta = readActionMetadata(action, root);

  it('reads exactly the inputs action.yml declares, with descriptions, node24 and the bundle path', async () => {
    const inputs = (await import(pathToFileURL(join(root, 'actions', action, 'src', 'inputs.ts')).href)) as InputsModule;
    const sample = (await import(pathToFileURL(join(root, 'actions', action, 'test', 'contract-sample.ts')).href)) as SampleModule;
    const reader = recordingReader(sample.CONTRACT_SAMPLE);
    inputs.readInputs(reader.read);
    expect(contractProblems(meta, reader.names, action)).toEqual([]);
  });

  it('declares in action.yml exactly the outputs its code defines', async () => {
    const { outputs } = (await import(pathToFileURL(join(root, 'actions', action, 'src', 'outputs.ts')).href)) as OutputsModule;
    expect([...outputs.names].sort()).toEqual(Object.keys(meta.outputs).sort());
  });

  it('documents every input and output in its README, as generated from action.yml', () => {
    const readme = readFileSync(join(root, action, 'README.md'), 'utf8');
    expect(renderReadme(readme, meta)).toBe(readme);
    expect(readme).toContain(`uses: <owner>/todo-deploy/${action}@v1`);
  });
});
