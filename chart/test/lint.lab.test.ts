// Static checks of the chart with the lab's tools: helm lint and kubeconform (strict, with
// schemas made from the lab API server's own OpenAPI document, CRDs included). kube-score
// has its own file (kube-score.lab.test.ts).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CHART_DIR,
  VALUES_FILES,
  labHelm4,
  labHelms,
  labKubernetesVersion,
  labTool,
  mustRun,
  parseManifests,
  renderText,
  runTool,
  setStringArgs,
  PIPELINE_VALUES,
  valuesPath,
  type Helm,
  type K8sObject,
} from './support/chart.js';
import { kubeconformArgv, writeSchemas, type KubeconformReport } from './support/kubeconform.js';
import type { OpenApiV2 } from './support/openapi-schemas.js';

let dir: string;
let kubeVersion: string;
const rendered = new Map<string, { file: string; objects: K8sObject[] }>();

// Gateway mode: HTTPRoutes (the Gateway API CRDs of the lab) instead of the Ingress, with the redirect route.
const GATEWAY_MODE = [
  '--set',
  'gateway.enabled=true,ingress.enabled=false,networkPolicy.enabled=true',
  '--set-json',
  'gateway.parentRefs=[{"name":"public","namespace":"gateway","sectionName":"https"}]',
  '--set-json',
  'gateway.redirectParentRefs=[{"name":"public","namespace":"gateway","sectionName":"http"}]',
  '--set-string',
  'gateway.sseTimeouts.request=0s',
];

/** What kubeconform checks: each values file (helm 4, keyed by its name), and staging and production with helm 3 and 4 in both modes. */
function variants(): Array<{ key: string; helm: Helm; valuesFiles: string[]; extraArgs: string[] }> {
  const out: Array<{ key: string; helm: Helm; valuesFiles: string[]; extraArgs: string[] }> = VALUES_FILES.map((values) => ({
    key: values,
    helm: labHelm4(),
    valuesFiles: [values],
    extraArgs: [],
  }));
  for (const helm of labHelms()) {
    for (const env of ['staging', 'production']) {
      const valuesFiles = [`values-${env}.yaml`];
      out.push({ key: `${env}, ingress (nginx preset), ${helm.label}`, helm, valuesFiles, extraArgs: [] });
      out.push({
        key: `${env}, ingress (traefik preset), ${helm.label}`,
        helm,
        valuesFiles,
        extraArgs: ['--set-string', 'ingress.preset=traefik'],
      });
      out.push({ key: `${env}, Gateway API with NetworkPolicies, ${helm.label}`, helm, valuesFiles, extraArgs: GATEWAY_MODE });
    }
  }
  return out;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'chart-lint-'));
  kubeVersion = await labKubernetesVersion();
  let n = 0;
  for (const variant of variants()) {
    const text = await renderText(variant.helm, {
      kubeVersion,
      namespace: 'todo',
      valuesFiles: variant.valuesFiles,
      extraArgs: variant.extraArgs,
    });
    const file = path.join(dir, `rendered-${n++}.yaml`);
    await writeFile(file, text);
    rendered.set(variant.key, { file, objects: parseManifests(text) });
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function renderedFor(values: string): { file: string; objects: K8sObject[] } {
  const found = rendered.get(values);
  if (found === undefined) throw new Error(`${values} was not rendered`);
  return found;
}

describe.each(labHelms().map((helm) => [helm.label, helm] as const))('helm lint --strict with %s', (_label, helm: Helm) => {
  it.each(VALUES_FILES)('passes with %s alone', async (values) => {
    const result = await runTool([helm.bin, 'lint', '--strict', CHART_DIR, '--kube-version', kubeVersion, '--values', valuesPath(values)]);
    expect({ exitCode: result.exitCode, output: result.stdout + result.stderr }).toEqual({
      exitCode: 0,
      output: expect.stringContaining('0 chart(s) failed'),
    });
  });

  it.each(VALUES_FILES)('passes with %s and the values the pipeline sets', async (values) => {
    const result = await runTool([
      helm.bin,
      'lint',
      '--strict',
      CHART_DIR,
      '--kube-version',
      kubeVersion,
      '--values',
      valuesPath(values),
      ...setStringArgs(PIPELINE_VALUES),
    ]);
    expect({ exitCode: result.exitCode, output: result.stdout + result.stderr }).toEqual({
      exitCode: 0,
      output: expect.stringContaining('0 chart(s) failed'),
    });
  });
});

describe('kubeconform -strict with the schemas of the lab API server', () => {
  let schemaLocation: string;
  const kubeconform = (): string => labTool('LAB_KUBECONFORM', 'kubeconform');

  beforeAll(async () => {
    // The lab's own OpenAPI document: its Kubernetes version and the CRDs it serves
    // (cert-manager, prometheus-operator, Dapr), so no schema comes from the internet and
    // none is skipped.
    const openapi = JSON.parse(await mustRun([labTool('LAB_KUBECTL', 'kubectl'), 'get', '--raw', '/openapi/v2'])) as OpenApiV2;
    const all = [...rendered.values()].flatMap((r) => r.objects);
    schemaLocation = await writeSchemas(path.join(dir, 'schemas'), openapi, kubeVersion, all);
  });

  async function validate(file: string): Promise<{ exitCode: number | null; report: KubeconformReport; raw: string }> {
    const result = await runTool(kubeconformArgv(kubeconform(), schemaLocation, kubeVersion, file));
    return {
      exitCode: result.exitCode,
      report: JSON.parse(result.stdout) as KubeconformReport,
      raw: result.stdout + result.stderr,
    };
  }

  it.each(variants().map((v) => v.key))('finds every object of %s valid, none skipped', async (values) => {
    const { file, objects } = renderedFor(values);
    const { exitCode, report, raw } = await validate(file);
    const notValid = report.resources.filter((r) => r.status !== 'statusValid');
    expect({ notValid, exitCode }).toEqual({ notValid: [], exitCode: 0 });
    expect(report.summary).toEqual({ valid: objects.length, invalid: 0, errors: 0, skipped: 0 });
    expect(raw).not.toContain('could not find schema');
  });

  it('checks the custom resources against their CRDs too, the Gateway API’s included', () => {
    const kinds = new Set(renderedFor('values-production.yaml').objects.map((o) => o.kind));
    for (const kind of ['ServiceMonitor', 'PrometheusRule', 'Component', 'Configuration']) expect(kinds).toContain(kind);
    const gateway = renderedFor('production, Gateway API with NetworkPolicies, helm 3').objects;
    expect(gateway.filter((o) => o.kind === 'HTTPRoute').map((o) => o.apiVersion)).toEqual([
      'gateway.networking.k8s.io/v1',
      'gateway.networking.k8s.io/v1',
    ]);
    expect(gateway.filter((o) => o.kind === 'NetworkPolicy')).toHaveLength(6);
  });

  it('rejects an unknown field, a wrong type and an unknown field in a custom resource', async () => {
    // The schemas really are strict: a negative control, so a broken schema set cannot pass all.
    const bad = [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'typo' },
        spec: {
          replicas: 1,
          revisionHistoryLimt: 3,
          selector: { matchLabels: { a: 'b' } },
          template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i:1' }] } },
        },
      },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'wrong-type' }, spec: { ports: [{ port: 'eighty' }] } },
      {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'ServiceMonitor',
        metadata: { name: 'crd-typo' },
        spec: { selector: {}, endpoints: [{ port: 'http', intervall: '30s' }] },
      },
    ];
    const file = path.join(dir, 'bad.yaml');
    await writeFile(file, bad.map((o) => JSON.stringify(o)).join('\n---\n'));
    const { exitCode, report } = await validate(file);
    expect(exitCode).not.toBe(0);
    const byName = new Map(report.resources.map((r) => [r.name, r]));
    expect(byName.get('typo')?.msg).toContain('revisionHistoryLimt');
    expect(byName.get('wrong-type')?.msg).toMatch(/port/);
    expect(byName.get('crd-typo')?.msg).toContain('intervall');
  });
});

describe('the ignore-check.kube-linter.io annotations of the chart', () => {
  it('lets an object skip a check only with its reason in the ignore-check annotation', () => {
    for (const { objects } of rendered.values()) {
      for (const object of objects) {
        for (const [key, reason] of Object.entries(object.metadata.annotations ?? {})) {
          if (!key.startsWith('ignore-check.kube-linter.io/')) continue;
          expect({ object: `${object.kind}/${object.metadata.name}`, key, reason: reason.length > 20 }).toEqual({
            object: `${object.kind}/${object.metadata.name}`,
            key,
            reason: true,
          });
        }
      }
    }
  });
});
