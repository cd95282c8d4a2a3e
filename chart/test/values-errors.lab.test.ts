// Bad values fail before anything reaches a cluster, with a message that names the key:
// values.schema.json refuses unknown keys, wrong types and missing keys (helm lint,
// template and install all check it); `required` in the templates refuses an empty
// global.imageTag, global.owner or global.domain when the chart renders; the tag rule of
// staging and production is in the schema too.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunResult } from '@todo-deploy/process';
import {
  CHART_DIR,
  PIPELINE_VALUES,
  labHelms,
  labKubernetesVersion,
  runTool,
  setStringArgs,
  templateArgv,
  type Helm,
} from './support/chart.js';

interface BadValues {
  what: string;
  yaml: string;
  /** What the error output must contain: the key, and what is wrong with it. */
  expected: RegExp[];
}

// Caught by values.schema.json, so helm lint fails on them too.
const SCHEMA_CASES: BadValues[] = [
  {
    what: 'an unknown key under a service (a typo)',
    yaml: 'services:\n  backend:\n    replicaCont: 3\n',
    expected: [/\/services\/backend/, /replicaCont/, /not allowed/],
  },
  {
    what: 'an unknown top-level key',
    yaml: 'monitorng:\n  enabled: true\n',
    expected: [/monitorng/, /not allowed/],
  },
  {
    what: 'an unknown service',
    yaml: 'services:\n  sse_gateway:\n    port: 8003\n',
    expected: [/\/services/, /sse_gateway/, /not allowed/],
  },
  {
    what: 'a string where a number belongs',
    yaml: 'services:\n  backend:\n    port: "8000"\n',
    expected: [/\/services\/backend\/port/, /string/, /integer/],
  },
  {
    what: 'a string where a boolean belongs',
    yaml: 'autoscaling:\n  enabled: "yes"\n',
    expected: [/\/autoscaling\/enabled/, /string/, /boolean/],
  },
  {
    what: 'a number where Dapr wants a string',
    yaml: 'dapr:\n  configuration:\n    tracing:\n      samplingRate: 0.1\n',
    expected: [/\/dapr\/configuration\/tracing\/samplingRate/, /number/, /string/],
  },
  {
    what: 'a Gateway parentRef without a name',
    yaml: 'gateway:\n  enabled: true\n  parentRefs:\n    - sectionName: https\n',
    expected: [/\/gateway\/parentRefs\/0/, /name/],
  },
  {
    what: 'a redirect status the Gateway API does not allow',
    yaml: 'gateway:\n  redirectStatusCode: 304\n',
    expected: [/\/gateway\/redirectStatusCode/, /301/],
  },
  {
    what: 'a helm test image without a digest (only by digest can it not change under its tag)',
    yaml: 'tests:\n  image:\n    digest: ""\n',
    expected: [/\/tests\/image\/digest/, /sha256/],
  },
  {
    what: 'an ingress preset the chart does not know',
    yaml: 'ingress:\n  preset: haproxy\n',
    expected: [/\/ingress\/preset/, /nginx/, /traefik/],
  },
  {
    what: 'a missing key (removed with null)',
    yaml: 'services:\n  backend:\n    resources:\n      limits:\n        memory: null\n',
    expected: [/\/services\/backend\/resources\/limits/, /memory/],
  },
];

// Caught when the templates render: helm template and helm install fail on them.
const REQUIRED_CASES: Array<{ what: string; set: Record<string, string>; expected: RegExp[] }> = [
  {
    what: 'no global.imageTag',
    set: { ...PIPELINE_VALUES, 'global.imageTag': '' },
    expected: [/global\.imageTag is required/],
  },
  {
    what: 'global.imageTag latest',
    set: { ...PIPELINE_VALUES, 'global.imageTag': 'latest' },
    expected: [/global\.imageTag must not be "latest"/],
  },
  {
    what: 'no global.owner',
    set: { ...PIPELINE_VALUES, 'global.owner': '' },
    expected: [/global\.owner is required/],
  },
  {
    what: 'no global.domain',
    set: { ...PIPELINE_VALUES, 'global.domain': '' },
    expected: [/global\.domain is required/],
  },
  {
    what: 'a service that lists a Kafka credential',
    set: { ...PIPELINE_VALUES, 'services.frontend.secretEnv[0]': 'KAFKA_SASL_PASSWORD' },
    expected: [/services\.frontend\.secretEnv lists KAFKA_SASL_PASSWORD, a Kafka credential that only the Dapr pub\/sub Component reads/],
  },
];

// The tag rule of each environment (values.schema.json, keyed on global.environment, which
// values-staging.yaml and values-production.yaml set): refused by helm lint, template and install.
const PRODUCTION_LATEST = /value must be 'a tag other than latest and \*-latest: production deploys an exact build \(vX\.Y\.Z\)'/;
const STAGING_SHA = /does not match pattern '\^\(sha-\[0-9a-f\]\{7,40\}\)\?\$'/;
const TAG_CASES: Array<{
  what: string;
  file: 'values-staging.yaml' | 'values-production.yaml';
  set: Record<string, string>;
  expected: RegExp[];
}> = [
  {
    what: 'a release tag in staging',
    file: 'values-staging.yaml',
    set: { ...PIPELINE_VALUES, 'global.imageTag': 'v1.2.3' },
    expected: [/\/global\/imageTag/, /'v1\.2\.3'/, STAGING_SHA],
  },
  {
    what: 'main-latest in staging',
    file: 'values-staging.yaml',
    set: { ...PIPELINE_VALUES, 'global.imageTag': 'main-latest' },
    expected: [/\/global\/imageTag/, STAGING_SHA],
  },
  {
    what: 'a sha- tag with a letter that is not hex, in staging',
    file: 'values-staging.yaml',
    set: { ...PIPELINE_VALUES, 'global.imageTag': 'sha-0123abg' },
    expected: [/\/global\/imageTag/, STAGING_SHA],
  },
  {
    what: "a service's own tag that is not sha-<hex>, in staging",
    file: 'values-staging.yaml',
    set: { ...PIPELINE_VALUES, 'services.backend.image.tag': 'v2' },
    expected: [/\/services\/backend\/image\/tag/, STAGING_SHA],
  },
  {
    what: 'main-latest in production',
    file: 'values-production.yaml',
    set: { ...PIPELINE_VALUES, 'global.imageTag': 'main-latest' },
    expected: [/\/global\/imageTag/, PRODUCTION_LATEST],
  },
  {
    what: 'latest in production',
    file: 'values-production.yaml',
    set: { ...PIPELINE_VALUES, 'global.imageTag': 'latest' },
    expected: [/\/global\/imageTag/, PRODUCTION_LATEST],
  },
  {
    what: "a service's own *-latest tag in production",
    file: 'values-production.yaml',
    set: { ...PIPELINE_VALUES, 'global.imageTag': 'v1.2.3', 'services.mcp.image.tag': 'x-latest' },
    expected: [/\/services\/mcp\/image\/tag/, PRODUCTION_LATEST],
  },
];

// What the rule lets through: each environment's own tags, and production is not narrowed to vX.Y.Z
const TAG_ACCEPTED: Array<{ file: 'values-staging.yaml' | 'values-production.yaml'; tag: string }> = [
  { file: 'values-staging.yaml', tag: 'sha-0123abc' },
  { file: 'values-staging.yaml', tag: `sha-${'0123456789abcdef'.repeat(2)}01234567` },
  { file: 'values-production.yaml', tag: 'v1.2.3' },
  { file: 'values-production.yaml', tag: 'sha-0123abc' },
  { file: 'values-production.yaml', tag: 'v1.2.3-latestfix' },
];

function expectNamed(result: RunResult, expected: RegExp[]): void {
  const output = `${result.stderr}\n${result.stdout}`;
  expect(result.exitCode).not.toBe(0);
  for (const pattern of expected) expect(output).toMatch(pattern);
}

let dir: string;
let kubeVersion: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'chart-values-'));
  kubeVersion = await labKubernetesVersion();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function valuesFile(name: string, yaml: string): Promise<string> {
  const file = path.join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.yaml`);
  await writeFile(file, yaml);
  return file;
}

describe.each(labHelms().map((helm) => [helm.label, helm] as const))('%s', (_label, helm: Helm) => {
  describe.each(SCHEMA_CASES)('a values file with $what', ({ what, yaml, expected }) => {
    it('fails helm lint --strict, naming the key', async () => {
      const file = await valuesFile(`${helm.label}-lint-${what}`, yaml);
      expectNamed(await runTool([helm.bin, 'lint', '--strict', CHART_DIR, '--values', file]), expected);
    });

    it('fails helm template, naming the key', async () => {
      const file = await valuesFile(`${helm.label}-template-${what}`, yaml);
      expectNamed(await runTool([...templateArgv(helm, { kubeVersion }), '--values', file]), expected);
    });
  });

  describe.each(REQUIRED_CASES)('values with $what', ({ set, expected }) => {
    it('fail helm template, naming the value', async () => {
      expectNamed(await runTool(templateArgv(helm, { kubeVersion, set })), expected);
    });
  });

  describe.each(TAG_CASES)('$what', ({ file, set, expected }) => {
    it('fails helm lint --strict and helm template, naming the key and the rule', async () => {
      expectNamed(
        await runTool([helm.bin, 'lint', '--strict', CHART_DIR, '--values', path.join(CHART_DIR, file), ...setStringArgs(set)]),
        expected,
      );
      expectNamed(await runTool(templateArgv(helm, { kubeVersion, valuesFiles: [file], set })), expected);
    });
  });

  it.each(TAG_ACCEPTED)('takes $tag with $file', async ({ file, tag }) => {
    const rendered = await runTool(
      templateArgv(helm, { kubeVersion, valuesFiles: [file], set: { ...PIPELINE_VALUES, 'global.imageTag': tag } }),
    );
    expect({ exitCode: rendered.exitCode, stderr: rendered.stderr }).toEqual({ exitCode: 0, stderr: '' });
  });

  it('fails helm template for Gateway API routes without a Gateway to attach to, naming the value', async () => {
    const file = await valuesFile(`${helm.label}-gateway`, 'gateway:\n  enabled: true\n');
    expectNamed(await runTool([...templateArgv(helm, { kubeVersion }), '--values', file]), [
      /gateway\.parentRefs is required when gateway\.enabled is true/,
    ]);
  });

  it('fails helm template when the preStop sleep would use up the grace period, naming both', async () => {
    const file = await valuesFile(`${helm.label}-shutdown`, 'shutdown:\n  preStopSleepSeconds: 30\n  terminationGracePeriodSeconds: 30\n');
    expectNamed(await runTool([...templateArgv(helm, { kubeVersion }), '--values', file]), [
      /shutdown\.preStopSleepSeconds \(30\) must be shorter than shutdown\.terminationGracePeriodSeconds \(30\)/,
    ]);
  });

  it('accepts keys of other charts under global, so the chart works as a subchart', async () => {
    const file = await valuesFile(`${helm.label}-global`, 'global:\n  storageClass: fast\n  otherChart:\n    enabled: true\n');
    const lint = await runTool([helm.bin, 'lint', '--strict', CHART_DIR, '--values', file, ...setStringArgs(PIPELINE_VALUES)]);
    expect({ exitCode: lint.exitCode, output: lint.exitCode === 0 ? '' : lint.stdout + lint.stderr }).toEqual({ exitCode: 0, output: '' });
    const rendered = await runTool([...templateArgv(helm, { kubeVersion }), '--values', file]);
    expect(rendered.exitCode).toBe(0);
  });

  it('fail helm install before anything is created, naming the key or value', async () => {
    // A dry run against the lab: the schema and `required` stop it before any request
    // would change the cluster.
    const file = await valuesFile(`${helm.label}-install`, SCHEMA_CASES[0]?.yaml ?? '');
    const install = (extra: string[]): Promise<RunResult> =>
      runTool([helm.bin, 'install', 'todo', CHART_DIR, '--namespace', 'default', '--dry-run=server', ...extra]);
    expectNamed(await install(['--values', file, ...setStringArgs(PIPELINE_VALUES)]), SCHEMA_CASES[0]?.expected ?? []);
    expectNamed(await install(setStringArgs({ ...PIPELINE_VALUES, 'global.imageTag': '' })), REQUIRED_CASES[0]?.expected ?? []);
    const tagCase = TAG_CASES[0];
    if (!tagCase) throw new Error('no tag case');
    expectNamed(await install(['--values', path.join(CHART_DIR, tagCase.file), ...setStringArgs(tagCase.set)]), tagCase.expected);
  });
});
