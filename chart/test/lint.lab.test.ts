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

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'chart-lint-'));
  kubeVersion = await labKubernetesVersion();
  const helm = labHelm4();
  for (const values of VALUES_FILES) {
    const text = await renderText(helm, { kubeVersion, namespace: 'todo', valuesFiles: [values] });
    const file = path.join(dir, `rendered-${values}`);
    await writeFile(file, text);
    rendered.set(values, { file, objects: parseManifests(text) });
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

  it.each(VALUES_FILES)('finds every object of %s valid, none skipped', async (values) => {
    const { file, objects } = renderedFor(values);
    const { exitCode, report, raw } = await validate(file);
    const notValid = report.resources.filter((r) => r.status !== 'statusValid');
    expect({ notValid, exitCode }).toEqual({ notValid: [], exitCode: 0 });
    expect(report.summary).toEqual({ valid: objects.length, invalid: 0, errors: 0, skipped: 0 });
    expect(raw).not.toContain('could not find schema');
  });

  it('checks the custom resources against their CRDs too', () => {
    const kinds = new Set(renderedFor('values-production.yaml').objects.map((o) => o.kind));
    for (const kind of ['ServiceMonitor', 'PrometheusRule', 'Component', 'Configuration']) expect(kinds).toContain(kind);
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
