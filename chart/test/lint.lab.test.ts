// Static checks of the chart with the lab's tools: helm lint, kubeconform (strict, with
// schemas made from the lab API server's own OpenAPI document, CRDs included) and kube-linter.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseDocument, isMap, isSeq, type Scalar } from 'yaml';
import {
  CHART_DIR,
  VALUES_FILES,
  labHelm4,
  labHelms,
  labKubernetesVersion,
  labTool,
  mustRun,
  optionalLabTool,
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

const KUBE_LINTER_CONFIG = path.join(CHART_DIR, '.kube-linter.yaml');

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
    expect({ code: result.code, output: result.stdout + result.stderr }).toEqual({
      code: 0,
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
    expect({ code: result.code, output: result.stdout + result.stderr }).toEqual({
      code: 0,
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

  async function validate(file: string): Promise<{ code: number; report: KubeconformReport; raw: string }> {
    const result = await runTool(kubeconformArgv(kubeconform(), schemaLocation, kubeVersion, file));
    return {
      code: result.code,
      report: JSON.parse(result.stdout) as KubeconformReport,
      raw: result.stdout + result.stderr,
    };
  }

  it.each(VALUES_FILES)('finds every object of %s valid, none skipped', async (values) => {
    const { file, objects } = renderedFor(values);
    const { code, report, raw } = await validate(file);
    const notValid = report.resources.filter((r) => r.status !== 'statusValid');
    expect({ notValid, code }).toEqual({ notValid: [], code: 0 });
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
    const { code, report } = await validate(file);
    expect(code).not.toBe(0);
    const byName = new Map(report.resources.map((r) => [r.name, r]));
    expect(byName.get('typo')?.msg).toContain('revisionHistoryLimt');
    expect(byName.get('wrong-type')?.msg).toMatch(/port/);
    expect(byName.get('crd-typo')?.msg).toContain('intervall');
  });
});

// The lab builds kube-linter only when the Go module proxy serves it; without it these
// checks cannot run, and jest lists them as skipped rather than passed.
const KUBE_LINTER = optionalLabTool('LAB_KUBE_LINTER', 'kube-linter');
const describeKubeLinter = KUBE_LINTER === undefined ? describe.skip : describe;
if (KUBE_LINTER === undefined) {
  console.warn('kube-linter is not in the lab (LAB_KUBE_LINTER unset, none on PATH): the kube-linter checks of the chart are SKIPPED');
}

describeKubeLinter('kube-linter with the default checks and the probe checks', () => {
  const lint = (file: string): Promise<{ code: number; stdout: string; stderr: string }> =>
    runTool([KUBE_LINTER ?? 'kube-linter', 'lint', '--config', KUBE_LINTER_CONFIG, '--format', 'plain', file]);

  it.each(VALUES_FILES)('finds nothing in the output of %s', async (values) => {
    const result = await lint(renderedFor(values).file);
    expect({ code: result.code, output: result.stdout + result.stderr }).toEqual({
      code: 0,
      output: expect.stringContaining('No lint errors found'),
    });
  });

  it('has the readiness and liveness probe checks on', async () => {
    const { objects } = renderedFor('values-staging.yaml');
    const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'todo-backend');
    type Spec = { template: { spec: { containers: Array<Record<string, unknown>> } } };
    const unprobed = structuredClone(deployment) as K8sObject;
    for (const container of (unprobed.spec as Spec).template.spec.containers) {
      delete container['readinessProbe'];
      delete container['livenessProbe'];
    }
    const service = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'todo-backend');
    const file = path.join(dir, 'unprobed.yaml');
    await writeFile(file, [unprobed, service].map((o) => JSON.stringify(o)).join('\n---\n'));
    const result = await lint(file);
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('no-readiness-probe');
    expect(result.stdout + result.stderr).toContain('no-liveness-probe');
  });
});

describe('the kube-linter configuration', () => {
  it('excludes no check without a comment that says why', async () => {
    const config = parseDocument(await readFile(KUBE_LINTER_CONFIG, 'utf8'));
    const checks = config.get('checks');
    expect(isMap(checks)).toBe(true);
    const include = config.getIn(['checks', 'include']);
    expect(isSeq(include) ? include.items.map((item) => (item as Scalar).value) : []).toEqual(
      expect.arrayContaining(['no-readiness-probe', 'no-liveness-probe']),
    );
    expect(config.getIn(['checks', 'doNotAutoAddDefaults'])).not.toBe(true);
    const exclude = config.getIn(['checks', 'exclude']);
    for (const item of isSeq(exclude) ? exclude.items : []) {
      const scalar = item as Scalar;
      expect({ check: scalar.value, comment: (scalar.commentBefore ?? scalar.comment ?? '').trim() }).toEqual({
        check: scalar.value,
        comment: expect.stringMatching(/\S{3,}/),
      });
    }
  });

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
