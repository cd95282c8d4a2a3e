import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { kubectl } from '@todo-deploy/lab';
import { deploy, errorOf, history, namespaceExists, Namespaces } from './lab-support.js';

jest.setTimeout(300_000);
const namespaces = new Namespaces();
afterAll(() => namespaces.cleanup());

const dir = mkdtempSync(join(tmpdir(), 'hd-bad-'));
const badYaml = join(dir, 'bad.yaml');
writeFileSync(badYaml, 'secret: [oops\n  password: hunter2-in-values\n');
const noChart = mkdtempSync(join(tmpdir(), 'hd-nochart-'));
const unreachable = [
  'apiVersion: v1',
  'kind: Config',
  'clusters: [{name: gone, cluster: {server: "https://127.0.0.1:1"}}]',
  'contexts: [{name: gone, context: {cluster: gone, user: u}}]',
  'users: [{name: u, user: {token: unreachable-token-123}}]',
  'current-context: gone',
].join('\n');
// credentials inside the server address: the unreachable-server error must not print them
const credentialsInUrl = unreachable.replace('https://127.0.0.1:1', 'https://robot:Pa55-in-the-url@127.0.0.1:1');

describe('helm-deploy on the lab: bad input changes nothing', () => {
  it('fails each bad input with its message, before the cluster is touched', async () => {
    const ns = namespaces.reserve(`hd-bad-${Date.now().toString(36)}`);
    const cases: Array<[Record<string, string>, string]> = [
      [{ release: '' }, "Input 'release': a value is required"],
      [{ namespace: '' }, "Input 'namespace': a value is required"],
      [{ release: 'Tiny!' }, "Input 'release': 'Tiny!' is not a valid name"],
      [{ namespace: 'Has_Underscore' }, "Input 'namespace': 'Has_Underscore' is not a valid name"],
      [{ 'values-files': join(dir, 'missing.yaml') }, `Input 'values-files': values file '${join(dir, 'missing.yaml')}' does not exist`],
      [{ 'values-files': badYaml }, `Input 'values-files': values file '${badYaml}' is not valid YAML`],
      [{ set: 'replicas' }, "Input 'set': line 1 is not key=value"],
      [{ timeout: 'five minutes' }, "Input 'timeout': 'five minutes' is not a duration"],
      [{ kubeconfig: 'clusters: [' }, "Input 'kubeconfig': the kubeconfig is not valid YAML"],
      [{ chart: noChart }, `Input 'chart': chart folder '${noChart}' has no Chart.yaml`],
      [{ kubeconfig: unreachable }, 'Cannot reach the Kubernetes API server at https://127.0.0.1:1: connection refused'],
      [{ kubeconfig: credentialsInUrl }, 'Cannot reach the Kubernetes API server at https://***@127.0.0.1:1/: connection refused'],
      [{ set: 'replicas[x]=2' }, "Input 'set': 'replicas[x]' is not a values key"],
      [{ chart: 'oci://robot:Pa55-in-the-url@registry.example.com/charts/todo' }, "Input 'chart': the chart reference carries credentials"],
      [{ 'create-namespace': 'false' }, `Namespace ${ns} does not exist and create-namespace is false`],
    ];
    const runs = await Promise.all(cases.map(([inputs]) => deploy(3, { release: 'tiny', namespace: ns, ...inputs })));
    runs.forEach((run, i) => {
      const [inputs, message] = cases[i] as [Record<string, string>, string];
      expect({ inputs, exitCode: run.exitCode, error: errorOf(run) }).toEqual({
        inputs,
        exitCode: 1,
        error: expect.stringContaining(message),
      });
      expect(run.everything).not.toContain('hunter2-in-values');
      expect(run.everything).not.toContain('unreachable-token-123');
      expect(run.everything).not.toContain('Pa55-in-the-url');
    });
    expect(await namespaceExists(ns)).toBe(false);
    expect(await history(3, 'tiny', ns)).toEqual([]);
    expect((await kubectl(['get', 'leases', '-A', '-o', 'name'])).stdout).not.toContain('helm-deploy.tiny\n' + ns);
  });

  it('fails an unknown kube context naming it, and a chart that does not render, leaving the release as it was', async () => {
    const ns = await namespaces.make('hd-bad-render');
    const context = await deploy(4, { release: 'tiny', namespace: ns, context: 'no-such-context' });
    expect(context.exitCode).toBe(1);
    expect(errorOf(context)).toContain('(context no-such-context)');
    const render = await deploy(4, { release: 'tiny', namespace: ns, set: 'image=null\nglobal=oops' });
    expect(render.exitCode).toBe(1);
    expect(errorOf(render)).toMatch(/^helm upgrade failed: /);
    expect(render.outputs.status).toBe('failed');
    expect(await history(4, 'tiny', ns)).toEqual([]);
  });
});
