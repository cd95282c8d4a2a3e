import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { kubectl } from '@todo-deploy/lab';
import { HOSTILE_TEXT, MARKER, forgedCommands } from '@todo-deploy/testkit';
import { derivedForms } from '@todo-deploy/secrets';
import { stringify } from 'yaml';
import type { ActionRun } from '@todo-deploy/harness';
import { stateSchema } from '../src/state.js';
import { deploy, expectExit, fixtureChart, history, image, MAJORS, Namespaces, type Major } from './lab-support.js';

// Anyone who can write Leases or Events in the release namespace, or whose text reaches
// helm's output, controls what helm-deploy prints. None of it may become a workflow command:
// not a forged output, not a state value that makes the post step act, not a mask or a stop.
jest.setTimeout(300_000);
const namespaces = new Namespaces();
afterAll(() => namespaces.cleanup());

function nothingForged(run: ActionRun): void {
  expect(forgedCommands([...run.commands, ...(run.post?.commands ?? [])])).toEqual([]);
  for (const [name, value] of Object.entries(run.state)) {
    expect({ name, known: name === 'isPost' || name in stateSchema, forged: value.includes(MARKER) }).toEqual({
      name,
      known: true,
      forged: false,
    });
  }
  for (const value of Object.values(run.outputs).filter((v) => !v.startsWith('['))) expect(value).not.toContain(MARKER);
}

async function create(manifest: object): Promise<void> {
  const result = await kubectl(['create', '-f', '-'], { input: JSON.stringify(manifest) });
  expect(result.stderr).toBe('');
}

async function leaseHeldBy(namespace: string, holder: string): Promise<void> {
  await create({
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: 'helm-deploy.tiny', namespace },
    spec: { holderIdentity: holder, leaseDurationSeconds: 3, renewTime: new Date().toISOString().replace('Z', '000Z') },
  });
}

async function lastStatus(major: Major, namespace: string): Promise<string | undefined> {
  return (await history(major, 'tiny', namespace)).at(-1)?.status;
}

describe('helm-deploy with hostile text on the lab (helm 3 and 4)', () => {
  it('waits for a Lease whose holder is made of commands, takes it over, and honours none of it', async () => {
    await Promise.all(
      MAJORS.map(async (major) => {
        const ns = await namespaces.make(`hd-lease-h${major}`);
        await leaseHeldBy(ns, HOSTILE_TEXT);
        const run = await deploy(major, { release: 'tiny', namespace: ns, 'image-tag': '1' });
        expectExit(run, 0);
        expect(run.stdout).toContain('The deploy lock of tiny held by x');
        nothingForged(run);
        expect(run.outputs.revision).toBe('1');
        // the post step found nothing to settle: the healthy release is still there
        expect(await lastStatus(major, ns)).toBe('deployed');
      }),
    );
  });

  it('prints Warning Events made of commands on a failed upgrade, and honours none of it', async () => {
    await Promise.all(
      MAJORS.map(async (major) => {
        const ns = await namespaces.make(`hd-event-h${major}`);
        expectExit(await deploy(major, { release: 'tiny', namespace: ns, 'image-tag': '1' }), 0);
        const uid = (await kubectl(['get', 'deployment', 'tiny-web', '-n', ns, '-o', 'jsonpath={.metadata.uid}'])).stdout;
        await create({
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name: 'hostile', namespace: ns },
          involvedObject: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'tiny-web', namespace: ns, uid },
          type: 'Warning',
          reason: `##[set-output name=status;]${MARKER}-reason`,
          message: HOSTILE_TEXT,
          count: 1,
        });
        const run = await deploy(major, { release: 'tiny', namespace: ns, 'image-tag': '2', set: 'crashLoop=true', timeout: '2m' });
        expectExit(run, 1);
        expect(run.stdout).toContain('Warning events (');
        expect(run.stdout).toContain(`${MARKER}-reason`); // printed, as data
        nothingForged(run);
        expect(run.outputs.status).toBe('rolled-back');
        expect(await lastStatus(major, ns)).toBe('deployed');
      }),
    );
  });

  it("prints helm's error output made of commands (a chart's fail with a value), and honours none of it", async () => {
    const chart = join(mkdtempSync(join(tmpdir(), 'hostile-chart-')), 'chart');
    cpSync(fixtureChart, chart, { recursive: true });
    writeFileSync(join(chart, 'templates', 'boom.yaml'), '{{- if .Values.boom }}{{ fail .Values.boom }}{{ end }}\n');
    const values = join(chart, '..', 'boom.yaml');
    writeFileSync(values, stringify({ boom: HOSTILE_TEXT }));
    await Promise.all(
      MAJORS.map(async (major) => {
        const ns = await namespaces.make(`hd-stderr-h${major}`);
        const run = await deploy(major, { release: 'tiny', namespace: ns, chart, 'values-files': values, 'image-tag': '1' });
        expectExit(run, 1);
        nothingForged(run);
        expect(run.outputs.status).not.toBe('deployed');
      }),
    );
  });
});

describe('helm-deploy values on the lab (helm 3 and 4)', () => {
  it('lets no set, set-string or set-secret value set a second key, however helm would parse it', async () => {
    await Promise.all(
      MAJORS.map(async (major) => {
        const ns = await namespaces.make(`hd-values-h${major}`);
        const injection = '{}image=evil.example/backdoor';
        for (const input of ['set', 'set-string', 'set-secret'] as const) {
          const run = await deploy(major, { release: 'tiny', namespace: ns, 'image-tag': '1', [input]: `message=${injection}` });
          expectExit(run, 0);
          expect(await image(ns, 'tiny-web')).toBe('registry.lab/tiny/web:1');
          const message = await kubectl(['get', 'configmap', 'tiny-config', '-n', ns, '-o', 'jsonpath={.data.MESSAGE}']);
          expect({ input, message: message.stdout }).toEqual({ input, message: injection });
        }
      }),
    );
  });

  it('shows set and set-string values and masks only set-secret values', async () => {
    const ns = await namespaces.make('hd-masking');
    const run = await deploy(4, {
      release: 'tiny',
      namespace: ns,
      'image-tag': '1',
      'set-string': 'message=owner-octo-readable',
      'set-secret': 'password=Sup3r-Secret-Value',
    });
    // a value helm would once have parsed as a list, printing the tail of it in the parse error
    const parsed = await deploy(3, {
      release: 'tiny',
      namespace: ns,
      'image-tag': '1',
      'set-secret': 'password={Xy9}Kp2-TailOfTheDbPassword',
    });
    expectExit(parsed, 0);
    expect(parsed.everything).not.toContain('Kp2-TailOfTheDbPassword');
    expectExit(run, 0);
    expect(run.stdout).toContain('--set-literal message=owner-octo-readable');
    expect(run.stdout).toContain('--set-literal password=***');
    expect(run.masks).toContain('Sup3r-Secret-Value');
    // nothing else is masked: not the owner, not the image tag, not the registry of the image
    expect(run.masks.filter((m) => !derivedForms('Sup3r-Secret-Value').includes(m))).toEqual([]);
    expect(run.stdout).toContain('--set-literal global.imageTag=1');
    expect(run.everything).not.toContain('Sup3r-Secret-Value');
  });

  it('never prints a long secret with spaces split over two lines of the dry-run diff, where no mask matches it', async () => {
    const ns = await namespaces.make('hd-fold');
    expectExit(await deploy(4, { release: 'tiny', namespace: ns, 'image-tag': '1' }), 0);
    const secret = `${'correct horse battery staple '.repeat(4)}tail-of-a-long-secret-9f3a`;
    const dry = await deploy(4, { release: 'tiny', namespace: ns, 'image-tag': '1', 'set-secret': `message=${secret}`, 'dry-run': 'true' });
    expectExit(dry, 0);
    expect(dry.summary).toContain('ConfigMap');
    expect(dry.everything).not.toContain('tail-of-a-long-secret-9f3a');
    expect(dry.everything).not.toContain('correct horse battery staple');
  });
});
