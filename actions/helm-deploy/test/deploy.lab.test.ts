import { readdirSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { kubectl } from '@todo-deploy/lab';
import { derivedForms } from '@todo-deploy/secrets';
import { parse } from 'yaml';
import { deploy, expectExit, history, image, labKubeconfig, MAJORS, Namespaces, type Major } from './lab-support.js';

jest.setTimeout(300_000);
const namespaces = new Namespaces();
afterAll(() => namespaces.cleanup());

const secretValue = 'Pa55,word=with-comma-and-equals';

async function installUpgradeDryRun(major: Major) {
  const ns = await namespaces.make(`hd-basic-h${major}`);
  const kubeconfig = await labKubeconfig();
  const common = { release: 'tiny', namespace: ns, kubeconfig, 'set-secret': `password=${secretValue}` };

  const first = await deploy(major, { ...common, 'image-tag': '1' }, { env: { KUBECONFIG: '/nonexistent/kubeconfig' } });
  expectExit(first, 0);
  expect(first.outputs).toEqual({
    revision: '1',
    'previous-revision': '',
    status: 'deployed',
    'rolled-back': 'false',
    'chart-version': '0.1.0',
    'app-version': '1.0.0',
    'helm-version': expect.stringMatching(new RegExp(`^v${major}\\.`)),
    diagnostics: '[]',
  });
  expect(await image(ns, 'tiny-web')).toBe('registry.lab/tiny/web:1');
  // the value arrived whole, commas and equals signs included
  const stored = await kubectl(['get', 'secret', 'tiny-secret', '-n', ns, '-o', 'jsonpath={.data.password}']);
  expect(Buffer.from(stored.stdout, 'base64').toString('utf8')).toBe(secretValue);
  expect(first.summary).toContain(`helm-deploy: tiny in ${ns}: revision 1 deployed`);
  expect(first.summary).toContain('| tiny-web | Deployment | 1/1 | ✅ available |');
  expect(first.summary).toContain('| **Image tag** | 1 |');

  const second = await deploy(major, { ...common, 'image-tag': '2' });
  expectExit(second, 0);
  expect(second.outputs).toMatchObject({ revision: '2', 'previous-revision': '1', status: 'deployed', 'rolled-back': 'false' });
  expect(await image(ns, 'tiny-web')).toBe('registry.lab/tiny/web:2');
  expect(second.summary).toContain('| **Revision** | 1 → 2 |');

  const dry = await deploy(major, { ...common, 'image-tag': '3', 'set-secret': 'password=another-Secret-9876', 'dry-run': 'true' });
  expectExit(dry, 0);
  expect(dry.outputs).toMatchObject({ status: 'dry-run', revision: '3', 'previous-revision': '2', 'rolled-back': 'false' });
  expect(dry.summary).toContain('dry run (nothing changed)');
  expect(dry.summary).toContain('0 added, 2 changed, 0 removed');
  expect(dry.summary).toContain('-           image: registry.lab/tiny/web:2');
  expect(dry.summary).toContain('+           image: registry.lab/tiny/web:3');
  expect(dry.summary).toContain('-   password: (hidden)\n+   password: (hidden, changed)');
  expect((await history(major, 'tiny', ns)).map((r) => [r.revision, r.status])).toEqual([
    [1, 'superseded'],
    [2, 'deployed'],
  ]);
  expect(await image(ns, 'tiny-web')).toBe('registry.lab/tiny/web:2');

  // Nothing secret anywhere: the set values, the kubeconfig's credentials, the Secret's base64.
  const config = parse(kubeconfig) as { users: Array<{ user: Record<string, string> }> };
  const credentials = config.users.flatMap((u) =>
    Object.entries(u.user)
      .filter(([k]) => /token|key-data|password/.test(k))
      .map(([, v]) => v),
  );
  expect(credentials.length).toBeGreaterThan(0);
  for (const run of [first, second, dry]) {
    for (const secret of [secretValue, 'another-Secret-9876', ...credentials]) {
      for (const form of derivedForms(secret)) expect(run.everything).not.toContain(form);
    }
    expect(run.post?.exitCode).toBe(0);
    // main removes its private folder (the kubeconfig) when it ends: nothing is left for later steps
    expect(readdirSync(join(run.workDir, 'temp')).filter((name) => name.startsWith('helm-deploy-'))).toEqual([]);
  }
}

describe('helm-deploy on the lab: install, upgrade, dry run', () => {
  it('installs, upgrades with a new tag, dry-runs without change, and prints no secret (helm 3 and 4 at once)', async () => {
    await Promise.all(MAJORS.map((major) => installUpgradeDryRun(major)));
  });

  it('creates a missing namespace (create-namespace true by default)', async () => {
    const ns = namespaces.reserve(`hd-newns-${Date.now().toString(36)}`);
    const run = await deploy(4, { release: 'tiny', namespace: ns });
    expectExit(run, 0);
    expect(run.stdout).toContain(`Created namespace ${ns}`);
    expect(run.stdout).not.toMatch(/::notice::Deploying with helm/);
    expect(await image(ns, 'tiny-web')).toBe('registry.lab/tiny/web:1');
  });

  it('reads the revisions of releases helm keeps in ConfigMaps (HELM_DRIVER=configmap)', async () => {
    const ns = await namespaces.make('hd-driver-cm');
    const env = { env: { HELM_DRIVER: 'configmap' } };
    expectExit(await deploy(3, { release: 'tiny', namespace: ns, 'image-tag': '1' }, env), 0);
    const second = await deploy(3, { release: 'tiny', namespace: ns, 'image-tag': '2' }, env);
    expectExit(second, 0);
    expect(second.stdout).toContain(`Upgrading tiny in ${ns} from revision 1`);
    // helm 3's support ends with February 2027: said once per run, as a notice
    expect(
      second.stdout.match(
        /^::notice::Deploying with helm v3\.\d+\.\d+: helm 3 (gets security fixes only until|has had no security fixes since) February 2027/gm,
      ),
    ).toHaveLength(1);
    expect(second.outputs).toMatchObject({ revision: '2', 'previous-revision': '1' });
    const stored = await kubectl(['get', 'configmaps,secrets', '-n', ns, '-l', 'owner=helm,name=tiny', '-o', 'name']);
    expect(stored.stdout.trim().split('\n').sort()).toEqual([
      'configmap/sh.helm.release.v1.tiny.v1',
      'configmap/sh.helm.release.v1.tiny.v2',
    ]);
  });

  it('records a GitHub deployment with in_progress and success statuses', async () => {
    const requests: Array<{ method: string; url: string; auth: string; body: Record<string, unknown> }> = [];
    const server = createServer((req: IncomingMessage, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        requests.push({
          method: req.method ?? '',
          url: req.url ?? '',
          auth: req.headers.authorization ?? '',
          body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
        });
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify(req.url?.endsWith('/deployments') ? { id: 42 } : { id: requests.length }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ns = await namespaces.make('hd-ghdeploy');
      const token = 'ghs_fakeToken0123456789abcdef';
      const run = await deploy(
        3,
        {
          release: 'tiny',
          namespace: ns,
          'github-token': token,
          environment: 'staging',
          'environment-url': 'https://staging.todo.example.com',
        },
        { context: { GITHUB_API_URL: api, GITHUB_REPOSITORY: 'octo/todo', GITHUB_SHA: 'abc123', GITHUB_RUN_ID: '77' } },
      );
      expectExit(run, 0);
      expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
        'POST /repos/octo/todo/deployments',
        'POST /repos/octo/todo/deployments/42/statuses',
        'POST /repos/octo/todo/deployments/42/statuses',
      ]);
      expect(requests[0]?.body).toMatchObject({ ref: 'abc123', environment: 'staging', auto_merge: false, required_contexts: [] });
      expect(requests[1]?.body).toMatchObject({
        state: 'in_progress',
        environment_url: 'https://staging.todo.example.com/',
        log_url: 'https://github.com/octo/todo/actions/runs/77',
      });
      expect(requests[2]?.body).toMatchObject({ state: 'success' });
      expect(requests.every((r) => r.auth === `token ${token}`)).toBe(true);
      expect(run.everything).not.toContain(token);
    } finally {
      server.close();
    }
  });

  it('downloads helm-version from a mirror, checks its SHA-256 and caches it; a wrong checksum fails before the cluster', async () => {
    const { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { createHash } = await import('node:crypto');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { labEnv, helm } = await import('@todo-deploy/lab');
    const { runProcess } = await import('@todo-deploy/process');
    const { helmArchive } = await import('../src/tool/helm-download.js');
    const lab = await labEnv();
    const version = (await helm(4, ['version', '--template', '{{.Version}}'])).stdout.trim().replace(/^v/, '');
    const archive = helmArchive(version, process.platform, process.arch);
    // a mirror laid out like get.helm.sh, with the lab's helm 4 as the release archive
    const mirror = mkdtempSync(join(tmpdir(), 'hd-mirror-'));
    mkdirSync(join(mirror, 'files', archive.folder), { recursive: true });
    copyFileSync(lab.helm4, join(mirror, 'files', archive.folder, 'helm'));
    for (const dir of ['good', 'bad']) mkdirSync(join(mirror, dir));
    expect(
      (await runProcess(['tar', 'czf', join(mirror, 'good', archive.fileName), '-C', join(mirror, 'files'), archive.folder])).exitCode,
    ).toBe(0);
    copyFileSync(join(mirror, 'good', archive.fileName), join(mirror, 'bad', archive.fileName));
    const sha = createHash('sha256')
      .update(readFileSync(join(mirror, 'good', archive.fileName)))
      .digest('hex');
    writeFileSync(join(mirror, 'good', `${archive.fileName}.sha256sum`), `${sha}  ${archive.fileName}\n`);
    writeFileSync(join(mirror, 'bad', `${archive.fileName}.sha256sum`), `${'0'.repeat(64)}  ${archive.fileName}\n`);
    const requests: string[] = [];
    const server = createServer((req, res) => {
      requests.push(req.url ?? '');
      const file = join(mirror, (req.url ?? '/').replace(/\.\./g, ''));
      if (!existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ns = await namespaces.make('hd-mirror');
      const workDir = mkdtempSync(join(tmpdir(), 'hd-download-'));
      // PATH has helm 3 first: only the download can give helm 4
      const inputs = { release: 'tiny', namespace: ns, 'helm-version': version, 'helm-mirror': `${base}/good/` };
      const first = await deploy(3, inputs, { workDir });
      expectExit(first, 0);
      expect(first.stdout).toContain(`Downloading helm ${version} from ${base}/good/${archive.fileName}`);
      expect(first.outputs['helm-version']).toBe(`v${version}`);
      expect(existsSync(join(workDir, 'tool-cache', 'helm', version, process.arch, 'helm'))).toBe(true);
      expect(requests.sort()).toEqual([`/good/${archive.fileName}`, `/good/${archive.fileName}.sha256sum`]);

      const second = await deploy(3, { ...inputs, 'image-tag': '2' }, { workDir });
      expectExit(second, 0);
      expect(second.stdout).toContain(`helm ${version} found in the tool cache`);
      expect(requests).toHaveLength(2);

      const bad = await deploy(
        3,
        { ...inputs, 'image-tag': '3', 'helm-mirror': `${base}/bad` },
        { workDir: mkdtempSync(join(tmpdir(), 'hd-download-')) },
      );
      expect(bad.exitCode).toBe(1);
      expect(bad.annotations.find((a) => a.level === 'error')?.message).toBe(
        `helm ${version}: checksum mismatch for ${archive.fileName} (expected ${'0'.repeat(64)}, got ${sha})`,
      );
      expect((await history(4, 'tiny', ns)).map((r) => r.revision)).toEqual([1, 2]);
      expect(await image(ns, 'tiny-web')).toBe('registry.lab/tiny/web:2');
    } finally {
      server.close();
    }
  });

  /** A runner work folder whose tool cache holds the lab's helm 4, laid out as @actions/tool-cache does. */
  async function toolCacheWithHelm4(prefix: string): Promise<{ workDir: string; version: string }> {
    const { mkdtempSync, mkdirSync, copyFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { labEnv, helm } = await import('@todo-deploy/lab');
    const lab = await labEnv();
    const version = (await helm(4, ['version', '--template', '{{.Version}}'])).stdout.trim().replace(/^v/, '');
    const workDir = mkdtempSync(join(tmpdir(), prefix));
    const cached = join(workDir, 'tool-cache', 'helm', version, 'x64');
    mkdirSync(cached, { recursive: true });
    copyFileSync(lab.helm4, join(cached, 'helm'));
    writeFileSync(`${cached}.complete`, '');
    return { workDir, version };
  }

  it('uses helm-version from the tool cache', async () => {
    const { workDir, version } = await toolCacheWithHelm4('hd-toolcache-');
    const ns = await namespaces.make('hd-toolcache');
    // PATH has helm 3 first: only the tool cache can give helm 4.
    const run = await deploy(3, { release: 'tiny', namespace: ns, 'helm-version': version }, { workDir });
    expectExit(run, 0);
    expect(run.stdout).toContain(`helm ${version} found in the tool cache`);
    expect(run.outputs['helm-version']).toBe(`v${version}`);
  });

  it('defaults to helm 4 where both are present: PATH helm 3 and a helm 4 in the tool cache, no helm-version', async () => {
    const { helm } = await import('@todo-deploy/lab');
    const { workDir, version } = await toolCacheWithHelm4('hd-prefer4-');
    const path3 = (await helm(3, ['version', '--template', '{{.Version}}'])).stdout.trim();
    const ns = await namespaces.make('hd-prefer4');
    const run = await deploy(3, { release: 'tiny', namespace: ns }, { workDir });
    expectExit(run, 0);
    expect(run.stdout).toContain(`The helm on PATH is ${path3} and the tool cache holds helm ${version}: deploying with helm 4`);
    expect(run.outputs['helm-version']).toBe(`v${version}`);
    // helm 4 applied it: only a server-side apply (helm 4's, never helm 3's) records an Apply operation
    const operations = await kubectl(['get', 'deployment', 'tiny-web', '-n', ns, '-o', 'jsonpath={.metadata.managedFields[*].operation}']);
    expect(operations.stdout.split(' ')).toContain('Apply');
    expect(run.stdout).not.toMatch(/Deploying with helm v3/);
  });
});
