// The chart's Gateway API path on the lab: a Gateway the platform owns (here made by the test,
// of the lab's GatewayClass, served by Traefik) with an HTTP and an HTTPS listener, its
// certificate issued by cert-manager's gateway-shim from the Gateway's cluster-issuer
// annotation through ACME HTTP-01 against Pebble; the chart with values-staging.yaml and
// gateway.enabled (ingress off) attaches HTTPRoutes for the host: HTTPS answers from the pods,
// HTTP redirects. The host is the chart's staging.todo.<domain> under a domain of this test
// (gw.lab), so that it never meets the Ingress test's routes for staging.todo.lab.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { runAction } from '@todo-deploy/harness';
import {
  ACME_ISSUER_PREFIX,
  createTestNamespace,
  deleteNamespace,
  kubectl,
  requireHttps,
  waitUntil,
  type LabHttps,
} from '@todo-deploy/lab';
import { ask, verifyCertInputs } from './support/lab-https.js';
import { installOnRealNode } from './support/real-node-release.js';

jest.setTimeout(300_000);

const GATEWAY = 'public';
let https: LabHttps;
let host = '';
let rootCa = '';
let namespace = '';
let tag = '';

beforeAll(async () => {
  https = await requireHttps();
  const domain = `gw.${https.domain}`;
  host = `staging.todo.${domain}`;
  rootCa = await readFile(https.acmeRootCa, 'utf8');
  namespace = await createTestNamespace('chart-gateway');
  // the platform's Gateway: HTTP and HTTPS listeners for the host, the certificate from cert-manager
  const gateway = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: GATEWAY, namespace, annotations: { 'cert-manager.io/cluster-issuer': https.issuer } },
    spec: {
      gatewayClassName: https.gatewayClass,
      listeners: [
        { name: 'http', protocol: 'HTTP', port: 80, hostname: host, allowedRoutes: { namespaces: { from: 'Same' } } },
        {
          name: 'https',
          protocol: 'HTTPS',
          port: 443,
          hostname: host,
          tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 'public-tls' }] },
          allowedRoutes: { namespaces: { from: 'Same' } },
        },
      ],
    },
  };
  const applied = await kubectl(['apply', '-f', '-'], { input: JSON.stringify(gateway) });
  expect(applied.stderr).toBe('');
  ({ tag } = await installOnRealNode({
    namespace,
    environment: 'values-staging.yaml',
    domain,
    values: {
      ingress: { enabled: false },
      gateway: {
        enabled: true,
        parentRefs: [{ name: GATEWAY, sectionName: 'https' }],
        redirectParentRefs: [{ name: GATEWAY, sectionName: 'http' }],
      },
    },
  }));
  const ready = async () =>
    (await kubectl(['get', 'certificate', 'public-tls', '-n', namespace, '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}']))
      .stdout === 'True';
  await waitUntil('the Gateway’s certificate (gateway-shim, HTTP-01)', ready, 150_000);
  // the controller picks up the listener's new certificate and the routes' endpoints a moment
  // later ("no available server" meanwhile): wait until the route answers, as a user would retry
  await waitUntil(
    'the HTTPRoute to answer over HTTPS',
    async () => (await ask(https, rootCa, `https://${host}/api/health`).catch(() => undefined))?.status === 200,
    60_000,
  );
}, 480_000);

afterAll(async () => {
  if (namespace) await deleteNamespace(namespace);
});

describe('the chart’s HTTPRoutes on a Gateway of the lab', () => {
  it('are accepted by the Gateway’s controller, with their references resolved', async () => {
    const routes = JSON.parse((await kubectl(['get', 'httproutes', '-n', namespace, '-o', 'json'])).stdout) as {
      items: Array<{ metadata: { name: string }; status?: { parents?: Array<{ conditions: Array<{ type: string; status: string }> }> } }>;
    };
    const conditions = Object.fromEntries(
      routes.items.map((r) => [
        r.metadata.name,
        Object.fromEntries((r.status?.parents?.[0]?.conditions ?? []).map((c) => [c.type, c.status])),
      ]),
    );
    expect(conditions).toEqual({
      todo: expect.objectContaining({ Accepted: 'True', ResolvedRefs: 'True' }),
      'todo-redirect': expect.objectContaining({ Accepted: 'True', ResolvedRefs: 'True' }),
    });
  });

  it('serve the host over HTTPS with the Gateway’s certificate from the lab’s ACME CA, and redirect HTTP', async () => {
    const health = await ask(https, rootCa, `https://${host}/api/health`);
    expect({ status: health.status, body: JSON.parse(health.body) as unknown, san: health.subjectAltName }).toEqual({
      status: 200,
      body: { status: 'ok', service: 'backend', version: tag },
      san: `DNS:${host}`,
    });
    expect(health.issuer?.startsWith(ACME_ISSUER_PREFIX)).toBe(true);
    const page = await ask(https, rootCa, `https://${host}/`);
    expect(page.body).toContain('<title>Todo frontend</title>');
    const redirect = await ask(https, rootCa, `http://${host}/api/health`);
    expect({ status: redirect.status, location: redirect.location }).toEqual({ status: 301, location: `https://${host}/api/health` });
  });

  it('pass verify-cert and smoke-test as the runner runs them', async () => {
    const cert = await runAction('verify-cert', { inputs: verifyCertInputs(https, rootCa, host, '30s') });
    expect({ exit: cert.exitCode, result: cert.outputs.result }).toEqual({ exit: 0, result: 'success' });
    const smoke = await runAction('smoke-test', {
      inputs: {
        urls: `https://${host}/api/health\nhttps://${host}/`,
        'connect-address': https.address,
        'ca-cert': rootCa,
        'consecutive-successes': '2',
        timeout: '30s',
      },
    });
    expect({ exit: smoke.exitCode, result: smoke.outputs.result }).toEqual({ exit: 0, result: 'success' });
  });
});
