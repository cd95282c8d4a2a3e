import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { stringify } from 'yaml';
import { createTestNamespace, deleteNamespace, kubectl } from '../src/index.js';
import { expectOk } from './support.js';

const serviceMonitor = (spec: Record<string, unknown>) =>
  stringify({ apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'backend' }, spec });

describe('the CRDs of cert-manager, prometheus-operator and Dapr', () => {
  let ns = '';
  beforeAll(async () => {
    ns = await createTestNamespace('lab-crds');
  });
  afterAll(async () => {
    if (ns) await deleteNamespace(ns);
  });

  it.each([
    'certificates.cert-manager.io',
    'issuers.cert-manager.io',
    'clusterissuers.cert-manager.io',
    'servicemonitors.monitoring.coreos.com',
    'prometheusrules.monitoring.coreos.com',
    'components.dapr.io',
    'configurations.dapr.io',
  ])('%s is established', async (crd) => {
    expectOk(await kubectl(['wait', '--for=condition=Established', `crd/${crd}`, '--timeout=10s']), `crd ${crd}`);
  });

  const valid = { selector: { matchLabels: { app: 'backend' } }, endpoints: [{ port: 'http', path: '/metrics' }] };

  it('accepts a valid ServiceMonitor', async () => {
    expectOk(await kubectl(['apply', '-n', ns, '--validate=strict', '-f', '-'], { input: serviceMonitor(valid) }), 'apply');
  });

  const typo = serviceMonitor({ ...valid, endpoints: [{ port: 'http', pathh: '/metrics' }] });

  it('rejects a ServiceMonitor with an unknown field (kubectl apply --validate=strict: server-side field validation)', async () => {
    const result = await kubectl(['apply', '-n', ns, '--validate=strict', '-f', '-'], { input: typo });
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/unknown field "spec\.endpoints\[0\]\.pathh"/);
  });

  it('rejects a ServiceMonitor with an unknown field (server-side apply)', async () => {
    const result = await kubectl(['apply', '-n', ns, '--server-side', '-f', '-'], { input: typo });
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/\.spec\.endpoints\[0\]\.pathh: field not declared in schema/);
  });

  it('rejects a Certificate that misses a required field', async () => {
    const cert = stringify({
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: 'tls' },
      spec: { secretName: 'tls' },
    });
    const result = await kubectl(['apply', '-n', ns, '-f', '-'], { input: cert });
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/issuerRef: Required value/);
  });

  it('accepts a Dapr Component', async () => {
    const component = stringify({
      apiVersion: 'dapr.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'pubsub' },
      spec: { type: 'pubsub.redis', version: 'v1', metadata: [{ name: 'redisHost', value: 'redis:6379' }] },
    });
    expectOk(await kubectl(['apply', '-n', ns, '--validate=strict', '-f', '-'], { input: component }), 'apply');
  });
});
