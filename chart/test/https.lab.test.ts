// HTTPS end to end in the lab: the chart with values-staging.yaml on the real node, its Ingress
// served by Traefik (ingress-nginx annotations) on the lab's public address, the certificate
// issued by cert-manager through the real ACME HTTP-01 flow against Pebble, and smoke-test and
// verify-cert run as the runner runs them (the committed bundles) against the deployed app.
// The release first names a ClusterIssuer that does not exist yet, so the certificate is held
// back until the test creates it: verify-cert is seen failing before, and waiting through it.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { runAction, startAction, type ActionRun } from '@todo-deploy/harness';
import {
  ACME_ISSUER_PREFIX,
  createTestNamespace,
  deleteNamespace,
  kubectl,
  labEnv,
  requireHttps,
  waitUntil,
  type LabHttps,
} from '@todo-deploy/lab';
import { mustRun } from './support/chart.js';
import { ask as askLab, verifyCertInputs } from './support/lab-https.js';
import { installOnRealNode } from './support/real-node-release.js';

jest.setTimeout(300_000);

const ISSUER = `late-acme-${randomBytes(3).toString('hex')}`;
let https: LabHttps;
let host = '';
let rootCa = '';
let namespace = '';
let tag = '';

const ask = (url: string) => askLab(https, rootCa, url);
const results = (run: ActionRun) => JSON.parse(run.outputs.results ?? '[]') as Array<Record<string, unknown>>;
const verifyInputs = (timeout: string) => verifyCertInputs(https, rootCa, host, timeout);

async function certificateReady(): Promise<string> {
  const r = await kubectl([
    'get',
    'certificate',
    '-n',
    namespace,
    '-o',
    'jsonpath={.items[*].status.conditions[?(@.type=="Ready")].status}',
  ]);
  return r.stdout.trim();
}

beforeAll(async () => {
  https = await requireHttps();
  host = `staging.todo.${https.domain}`;
  rootCa = await readFile(https.acmeRootCa, 'utf8');
  namespace = await createTestNamespace('chart-https');
  ({ tag } = await installOnRealNode({
    namespace,
    environment: 'values-staging.yaml',
    domain: https.domain,
    setString: { 'ingress.className': https.ingressClass, 'ingress.clusterIssuer': ISSUER },
  }));
}, 420_000);

afterAll(async () => {
  if (namespace) await deleteNamespace(namespace);
  await kubectl(['delete', 'clusterissuer', ISSUER, '--ignore-not-found']);
  await kubectl(['delete', 'secret', '-n', 'cert-manager', `${ISSUER}-account`, '--ignore-not-found']);
});

describe('HTTPS through the ingress with a certificate from the lab’s ACME CA', () => {
  it('verify-cert fails while the certificate is not issued, saying why', async () => {
    expect(await certificateReady()).not.toBe('True');
    const run = await runAction('verify-cert', { inputs: verifyInputs('6s') });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('failure');
    const [result] = results(run);
    // Traefik skips an Ingress whose TLS Secret is missing: its own self-signed default certificate answers
    expect(result).toMatchObject({ host, ok: false });
    expect(String(result?.error)).toMatch(/self[- ]signed|unable to verify|not trusted|unknown/i);
  });

  it('verify-cert keeps checking until cert-manager has issued it through HTTP-01, within its timeout', async () => {
    const started = Date.now();
    const pending = startAction('verify-cert', { inputs: verifyInputs('180s') });
    await new Promise((r) => setTimeout(r, 5000));
    // the ClusterIssuer the release names appears only now: the same ACME server as the lab's own
    const labIssuer = JSON.parse((await kubectl(['get', 'clusterissuer', https.issuer, '-o', 'json'])).stdout) as {
      spec: { acme: Record<string, unknown> };
    };
    const issuer = {
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: ISSUER },
      spec: { acme: { ...labIssuer.spec.acme, privateKeySecretRef: { name: `${ISSUER}-account` } } },
    };
    const applied = await kubectl(['apply', '-f', '-'], { input: JSON.stringify(issuer) });
    expect(applied.stderr).toBe('');
    const waitedMs = Date.now() - started;
    const run = await pending.result;
    expect({ exit: run.exitCode, result: run.outputs.result, error: results(run)[0]?.error }).toEqual({
      exit: 0,
      result: 'success',
      error: null,
    });
    expect(Number(run.outputs['days-remaining'])).toBeGreaterThanOrEqual(89);
    expect(Date.now() - started).toBeGreaterThan(waitedMs);
    const [result] = results(run);
    expect(result).toMatchObject({ host, ok: true, sans: [host] });
    expect(String(result?.issuer)).toContain(ACME_ISSUER_PREFIX);
    expect(String(result?.redirect)).toMatch(/^30[178] /);
    expect(run.summary).toContain(`| ${host} | ✅ valid |`);

    // issued through the ACME order's HTTP-01 challenge, by the issuer the chart's annotation names
    expect(await certificateReady()).toBe('True');
    // the Order's own status can trail the issued certificate by a moment (seen once in CI: Ready
    // certificate, its Order still 'pending' in the listing), so it is read until it settles
    type Orders = { items: Array<{ spec: { issuerRef: { name: string; kind: string } }; status: { state?: string } }> };
    const orderStates = async () =>
      (
        (JSON.parse((await kubectl(['get', 'orders.acme.cert-manager.io', '-n', namespace, '-o', 'json'])).stdout) as Orders).items ?? []
      ).map((o) => [o.spec.issuerRef.kind, o.spec.issuerRef.name, o.status.state ?? '']);
    await waitUntil('the ACME Order to be valid', async () => (await orderStates()).some(([, , state]) => state === 'valid'), 60_000).catch(
      () => undefined,
    );
    const states = await orderStates();
    expect(states.length).toBeGreaterThan(0);
    expect(states).toContainEqual(['ClusterIssuer', ISSUER, 'valid']);
    expect(states.every(([kind, name]) => kind === 'ClusterIssuer' && name === ISSUER)).toBe(true);
    const events = (await kubectl(['get', 'events', '-n', namespace, '-o', 'json'])).stdout;
    expect(events).toMatch(/http-01/i);
  });

  it(`answers https://staging.todo.<lab domain>/api/health 200 with that certificate, and HTTP redirects to HTTPS`, async () => {
    const health = await ask(`https://${host}/api/health`);
    expect({ status: health.status, body: JSON.parse(health.body) as unknown, san: health.subjectAltName }).toEqual({
      status: 200,
      body: { status: 'ok', service: 'backend', version: tag },
      san: `DNS:${host}`,
    });
    expect(health.issuer?.startsWith(ACME_ISSUER_PREFIX)).toBe(true);
    const page = await ask(`https://${host}/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Todo frontend</title>');
    const redirect = await ask(`http://${host}/`);
    expect({ status: redirect.status, location: redirect.location }).toEqual({ status: 308, location: `https://${host}/` });
    const deep = await ask(`http://${host}/api/health`);
    expect(deep.location).toBe(`https://${host}/api/health`);
  });

  it('streams /sse from the sse-gateway through its own Ingress, event by event (not buffered), and redirects it too', async () => {
    const stream = await ask(`https://${host}/sse/stream`);
    expect({ status: stream.status, type: stream.contentType }).toEqual({ status: 200, type: 'text/event-stream' });
    const events = stream.body
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice('data: '.length)) as unknown);
    expect(events).toEqual([1, 2, 3].map((n) => ({ service: 'sse-gateway', n })));
    // the demo server sends the three events 300 ms apart: a buffering proxy would deliver them at once
    expect(stream.arrivals.length).toBeGreaterThanOrEqual(2);
    expect((stream.arrivals.at(-1) ?? 0) - (stream.arrivals[0] ?? 0)).toBeGreaterThanOrEqual(400);
    const redirect = await ask(`http://${host}/sse/stream`);
    expect({ status: redirect.status, location: redirect.location }).toEqual({ status: 308, location: `https://${host}/sse/stream` });
  });

  it('smoke-test passes against the deployed app (consecutive successes over HTTPS)', async () => {
    const run = await runAction('smoke-test', {
      inputs: {
        urls: [`https://${host}/api/health`, `https://${host}/`, `http://${host}/api/health`].join('\n'),
        'connect-address': https.address,
        'ca-cert': rootCa,
        'consecutive-successes': '3',
        interval: '500ms',
        timeout: '60s',
      },
    });
    expect({ exit: run.exitCode, result: run.outputs.result }).toEqual({ exit: 0, result: 'success' });
    const probed = JSON.parse(run.outputs.results ?? '[]') as Array<{ url: string; ok: boolean; status: number; attempts: number }>;
    expect(probed.map((p) => [p.url, p.ok, p.status])).toEqual([
      [`https://${host}/api/health`, true, 200],
      [`https://${host}/`, true, 200],
      [`http://${host}/api/health`, true, 200],
    ]);
    for (const p of probed) expect(p.attempts).toBeGreaterThanOrEqual(3);
  });

  it('smoke-test fails naming the 503 when the backend behind the ingress is gone', async () => {
    const lab = await labEnv();
    await mustRun([lab.kubectl, 'scale', 'deployment', 'todo-backend', '-n', namespace, '--replicas=0'], { env: lab.env });
    await mustRun(
      [lab.kubectl, 'wait', '--for=delete', 'pod', '-n', namespace, '-l', 'app.kubernetes.io/component=backend', '--timeout=60s'],
      {
        env: lab.env,
      },
    );
    try {
      const run = await runAction('smoke-test', {
        inputs: {
          urls: [`https://${host}/api/health`, `https://${host}/`].join('\n'),
          'connect-address': https.address,
          'ca-cert': rootCa,
          interval: '500ms',
          timeout: '8s',
        },
      });
      expect({ exit: run.exitCode, result: run.outputs.result }).toEqual({ exit: 1, result: 'failure' });
      const probed = JSON.parse(run.outputs.results ?? '[]') as Array<{ url: string; ok: boolean; status: number; error?: string }>;
      expect(probed.map((p) => [p.url, p.ok, p.status])).toEqual([
        [`https://${host}/api/health`, false, 503],
        [`https://${host}/`, true, 200],
      ]);
      expect(probed[0]?.error).toMatch(/503/);
    } finally {
      await mustRun([lab.kubectl, 'scale', 'deployment', 'todo-backend', '-n', namespace, '--replicas=1'], { env: lab.env });
    }
  });
});
