import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { recordingReader } from '@todo-deploy/inputs';
import { repoRoot } from '@todo-deploy/harness';
import { readInputs } from '../src/inputs.js';

const root = repoRoot();
const fixtures = 'actions/helm-deploy/test/fixtures';
const read = (values: Record<string, string>) => recordingReader({ release: 'todo', namespace: 'staging', ...values }).read;
const inputs = (values: Record<string, string>) => readInputs(read(values), root);
const kubeconfig = [
  'apiVersion: v1',
  'kind: Config',
  'clusters: [{name: lab, cluster: {server: "https://127.0.0.1:6443"}}]',
  'contexts: [{name: lab, context: {cluster: lab, user: admin}}]',
  'users: [{name: admin, user: {token: tok-123456}}]',
  'current-context: lab',
].join('\n');

describe('helm-deploy inputs', () => {
  it('reads defaults', () => {
    const got = inputs({});
    expect(got).toMatchObject({
      release: 'todo',
      namespace: 'staging',
      chart: { kind: 'path', value: join(root, 'chart'), shown: './chart' },
      valuesFiles: [],
      set: [],
      setString: [],
      setSecret: [],
      imageTagKey: 'global.imageTag',
      createNamespace: true,
      wait: true,
      atomic: true,
      timeoutMs: 300_000,
      historyMax: 10,
      recover: true,
      verifyRollout: true,
      unschedulableGraceMs: 30_000,
      dryRun: false,
    });
    expect(got.kubeconfig).toBeUndefined();
    expect(got.helmVersion).toBeUndefined();
    expect(got.helmMirror).toBe('https://get.helm.sh');
  });

  it('reads a full set, keeping commas and equals signs in values', () => {
    const got = inputs({
      chart: 'oci://registry.example.com/charts/todo',
      'chart-version': '1.2.3',
      'values-files': `chart/values-staging.yaml\n# comment\n${fixtures}/values/good.yaml`,
      set: 'backend.replicas=2\nbackend.env.LIST=a,b,c',
      'set-string': 'db.url=postgres://u:p@h/db?x=1&y=2',
      'image-tag': 'sha-0123abc',
      kubeconfig,
      context: 'lab',
      timeout: '1m30s',
      'history-max': '3',
      'helm-version': 'v4.0.1',
      'helm-mirror': 'https://mirror.example.com/helm/',
      'github-token': 'ghs_x',
      environment: 'staging',
      'environment-url': 'https://staging.example.com',
      'dry-run': 'true',
    });
    expect(got.chart).toEqual({
      kind: 'oci',
      value: 'oci://registry.example.com/charts/todo',
      shown: 'oci://registry.example.com/charts/todo',
    });
    expect(got.valuesFiles).toEqual([join(root, 'chart/values-staging.yaml'), join(root, fixtures, 'values/good.yaml')]);
    expect(got.set).toEqual([
      { key: 'backend.replicas', value: '2' },
      { key: 'backend.env.LIST', value: 'a,b,c' },
    ]);
    expect(got.setString).toEqual([{ key: 'db.url', value: 'postgres://u:p@h/db?x=1&y=2' }]);
    expect(got).toMatchObject({
      chartVersion: '1.2.3',
      imageTag: 'sha-0123abc',
      context: 'lab',
      timeoutMs: 90_000,
      historyMax: 3,
      helmVersion: '4.0.1',
      helmMirror: 'https://mirror.example.com/helm',
      dryRun: true,
    });
    expect(got.kubeconfig?.doc['current-context']).toBe('lab');
  });

  it('takes a repo/chart name', () => {
    expect(inputs({ chart: 'bitnami/nginx' }).chart).toEqual({ kind: 'repo', value: 'bitnami/nginx', shown: 'bitnami/nginx' });
  });

  it.each([
    [{ release: '' }, "Input 'release': a value is required. Example of an accepted value: todo"],
    [{ namespace: '' }, "Input 'namespace': a value is required. Example of an accepted value: staging"],
    [
      { release: 'Todo_App' },
      "Input 'release': 'Todo_App' is not a valid name: use lower-case letters, digits and '-', starting and ending with a letter or digit",
    ],
    [{ release: 'a'.repeat(54) }, `Input 'release': '${'a'.repeat(54)}' is 54 characters long; Kubernetes allows at most 53`],
    [{ namespace: 'staging.eu' }, "Input 'namespace': 'staging.eu' is not a valid name"],
    [{ namespace: '-staging' }, "Input 'namespace': '-staging' is not a valid name"],
    [{ chart: './no-such-chart' }, "Input 'chart': chart path './no-such-chart' does not exist"],
    [{ chart: `./${fixtures}` }, `Input 'chart': chart folder './${fixtures}' has no Chart.yaml`],
    [{ chart: `${fixtures}/values/good.yaml` }, 'is a file but not a packaged chart (.tgz)'],
    [{ chart: 'not a chart' }, "Input 'chart': 'not a chart' is neither a chart folder, a .tgz, a repo/chart name nor an oci:// reference"],
    [{ chart: 'oci://' }, "Input 'chart': 'oci://' is not an OCI chart reference"],
    [{ 'values-files': 'missing.yaml' }, "Input 'values-files': values file 'missing.yaml' does not exist"],
    [
      { 'values-files': `${fixtures}/values/bad-yaml.txt` },
      `Input 'values-files': values file '${fixtures}/values/bad-yaml.txt' is not valid YAML (`,
    ],
    [{ 'values-files': `${fixtures}/values/list.yaml` }, 'is YAML but not a mapping of values'],
    [{ set: 'backend.replicas' }, "Input 'set': line 1 is not key=value (the line is not shown: it may hold a secret)"],
    [{ 'set-string': 'ok=1\n=value' }, "Input 'set-string': line 2 is not key=value"],
    [{ set: 'replicas[x]=2' }, "Input 'set': 'replicas[x]' is not a values key (names joined by dots, each with optional [N] list indexes"],
    [{ set: 'a..b=1' }, "Input 'set': 'a..b' is not a values key"],
    [{ 'set-secret': 'db.password' }, "Input 'set-secret': line 1 is not key=value (the line is not shown: it may hold a secret)"],
    [{ chart: 'oci://robot:s3cret@registry.example.com/charts/todo' }, "Input 'chart': the chart reference carries credentials"],
    [{ 'image-tag': 'sha 123' }, "Input 'image-tag': 'sha 123' is not a valid image tag"],
    [{ timeout: 'soon' }, "Input 'timeout': 'soon' is not a duration"],
    [{ timeout: '0s' }, "Input 'timeout': the timeout must be at least 1s"],
    [{ 'history-max': '-1' }, "Input 'history-max': '-1' is not a whole number from 0 to 1000"],
    [{ atomic: 'yes' }, "Input 'atomic': 'yes' is not a boolean: use true or false"],
    [{ kubeconfig: 'clusters: [unclosed' }, "Input 'kubeconfig': the kubeconfig is not valid YAML (line 1, column"],
    [{ kubeconfig: 'just text' }, "Input 'kubeconfig': the kubeconfig is not a YAML mapping"],
    [{ kubeconfig: 'apiVersion: v1\nkind: Config' }, "Input 'kubeconfig': the kubeconfig has no clusters with a server address"],
    [{ kubeconfig, context: 'prod' }, "Input 'context': the kubeconfig has no context 'prod' (it has lab)"],
    [{ 'helm-version': '2.17.0' }, "Input 'helm-version': '2.17.0' is not a helm 3 or 4 release version"],
    [{ 'environment-url': 'staging' }, "Input 'environment-url': 'staging' is not an absolute URL"],
    [{ 'helm-mirror': 'mirror.local' }, "Input 'helm-mirror': 'mirror.local' is not an absolute URL"],
    [{ 'helm-mirror': 'ftp://mirror.local/helm' }, "Input 'helm-mirror': 'ftp:' is not http or https"],
    [{ 'helm-mirror': 'https://u:pw@mirror.local/helm' }, "Input 'helm-mirror': the URL carries credentials, which would be printed"],
    [
      { environment: 'staging' },
      "Input 'github-token': environment and environment-url record a GitHub deployment, which needs github-token",
    ],
  ])('rejects %j', (values, message) => {
    expect(() => inputs(values)).toThrow(message);
  });

  it('never echoes a secret in an error', () => {
    const secretLine = 'hunter2-secret-value';
    expect(() => inputs({ set: secretLine })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
    expect(() => inputs({ 'values-files': `${fixtures}/values/bad-yaml.txt` })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('s3cr3t') }),
    );
    expect(() => inputs({ kubeconfig: 'token: tok-99999 [' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('tok-99999') }),
    );
  });
});
