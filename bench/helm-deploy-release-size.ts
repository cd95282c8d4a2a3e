// helm-deploy upgrading a release of 30 Deployments against a release of 5 (same chart, kwok,
// two replicas each, a new image tag every round), rounds interleaved: do the rollout watch and
// the summary scale linearly at most? Target (issue 14): 30 / 5 at most 6 (the ratio of the
// Deployment counts). Raw helm with its own wait on the same two releases takes turns, for what
// the size costs helm itself, and the part helm-deploy adds beyond it is printed for both sizes.
// Needs the lab (`npm run lab -- up`); BENCH_ROUNDS (default 7), BENCH_HELM=3|4 (default 4);
// BENCH_RAW=0 leaves raw helm out (helm 4's --wait=watcher takes minutes over 30 Deployments here).
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '@todo-deploy/harness';
import { kubectl } from '@todo-deploy/lab';
import { runProcess } from '@todo-deploy/process';
import { interleaved, median, ratioLine, spread } from './stats.js';
import { helmOf, lab, pathOf, type Major } from './todo-on-lab.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const MAJOR: Major = process.env.BENCH_HELM === '3' ? 3 : 4;
const SMALL = 5;
const LARGE = 30;
const TARGET = LARGE / SMALL;
const RAW = process.env.BENCH_RAW !== '0';
const id = randomBytes(3).toString('hex');

/** A chart of `count` Deployments (two replicas each), all of one release. */
function chartDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-size-'));
  mkdirSync(join(dir, 'templates'));
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: many\nversion: 0.1.0\nappVersion: "1"\n');
  writeFileSync(join(dir, 'values.yaml'), 'count: 5\ntag: "1"\n');
  writeFileSync(
    join(dir, 'templates', 'deployments.yaml'),
    `{{- range $i := until (int .Values.count) }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $.Release.Name }}-web-{{ $i }}
  labels:
    app.kubernetes.io/instance: {{ $.Release.Name }}
    app.kubernetes.io/name: web-{{ $i }}
spec:
  replicas: 2
  strategy:
    rollingUpdate: { maxSurge: 1, maxUnavailable: 0 }
  selector:
    matchLabels:
      app.kubernetes.io/instance: {{ $.Release.Name }}
      app.kubernetes.io/name: web-{{ $i }}
  template:
    metadata:
      labels:
        app.kubernetes.io/instance: {{ $.Release.Name }}
        app.kubernetes.io/name: web-{{ $i }}
    spec:
      nodeSelector: { kubernetes.io/os: linux }
      containers:
        - name: web
          image: registry.lab/many/web:{{ $.Values.tag }}
{{- end }}
`,
  );
  return dir;
}

const chart = chartDir();
const tag = (): string => randomBytes(4).toString('hex');

async function withAction(namespace: string, count: number): Promise<{ ms: number; summaryBytes: number }> {
  const started = performance.now();
  const run = await runAction('helm-deploy', {
    inputs: { release: 'many', namespace, chart, set: `count=${count}\ntag=${tag()}`, timeout: '5m' },
    env: { KUBECONFIG: lab.kubeconfig, PATH: pathOf(MAJOR) },
  });
  const ms = performance.now() - started;
  if (run.exitCode !== 0) throw new Error(`helm-deploy failed in ${namespace}: ${run.stdout.slice(-600)}`);
  return { ms, summaryBytes: Buffer.byteLength(run.summary) };
}

async function rawHelm(namespace: string, count: number): Promise<number> {
  const wait = MAJOR === 4 ? ['--wait=watcher'] : ['--wait'];
  const started = performance.now();
  const run = await runProcess(
    [
      helmOf(MAJOR),
      'upgrade',
      '--install',
      'many',
      chart,
      '-n',
      namespace,
      '--set',
      `count=${count}`,
      '--set',
      `tag=${tag()}`,
      ...wait,
      '--timeout',
      '5m',
    ],
    { env: { ...lab.env, PATH: pathOf(MAJOR) } },
  );
  if (run.exitCode !== 0) throw new Error(`helm upgrade failed in ${namespace}: ${run.stderr.slice(-600)}`);
  return performance.now() - started;
}

const small = `bench-size-${SMALL}-${id}`;
const large = `bench-size-${LARGE}-${id}`;
for (const ns of [small, large]) await kubectl(['create', 'namespace', ns]);
try {
  const summaries = { small: 0, large: 0 };
  // the first install is not measured: every measured round is an upgrade
  await withAction(small, SMALL);
  await withAction(large, LARGE);
  const contenders: Record<string, () => Promise<number>> = {
    small: async () => {
      const r = await withAction(small, SMALL);
      summaries.small = r.summaryBytes;
      return r.ms;
    },
    large: async () => {
      const r = await withAction(large, LARGE);
      summaries.large = r.summaryBytes;
      return r.ms;
    },
  };
  if (RAW) Object.assign(contenders, { rawSmall: () => rawHelm(small, SMALL), rawLarge: () => rawHelm(large, LARGE) });
  const all = await interleaved(ROUNDS, contenders);
  const samples = (k: 'small' | 'large' | 'rawSmall' | 'rawLarge'): number[] => all[k] ?? [];
  const wait = MAJOR === 4 ? '--wait=watcher' : '--wait';
  console.log(
    `helm-deploy upgrading releases of ${SMALL} and ${LARGE} Deployments (2 replicas each) on kwok, helm ${MAJOR}, ${ROUNDS} upgrades each:`,
  );
  console.log(`  helm-deploy, ${LARGE} Deployments         ${spread(samples('large'))}  (summary ${summaries.large} bytes)`);
  console.log(`  helm-deploy, ${SMALL} Deployments          ${spread(samples('small'))}  (summary ${summaries.small} bytes)`);
  if (RAW) {
    console.log(`  raw helm ${wait}, ${LARGE} Deployments  ${spread(samples('rawLarge'))}`);
    console.log(`  raw helm ${wait}, ${SMALL} Deployments   ${spread(samples('rawSmall'))}`);
  }
  const ratio = median(samples('large')) / median(samples('small'));
  console.log(
    ratioLine(
      `helm-deploy ${LARGE} / ${SMALL}`,
      median(samples('large')),
      median(samples('small')),
      `<= ${TARGET} (linear)`,
      ratio <= TARGET,
    ),
  );
  console.log(`summary ${LARGE} / ${SMALL}: ${(summaries.large / summaries.small).toFixed(2)} (linear: ${TARGET})`);
  if (RAW) {
    const raw = (k: 'rawSmall' | 'rawLarge'): number => median(samples(k));
    console.log(
      `raw helm ${LARGE} / ${SMALL} (what the size costs helm itself; not the target): ${(raw('rawLarge') / raw('rawSmall')).toFixed(2)}`,
    );
    console.log(
      `helm-deploy beyond raw helm: ${(median(samples('large')) - raw('rawLarge')).toFixed(0)} ms at ${LARGE}, ${(median(samples('small')) - raw('rawSmall')).toFixed(0)} ms at ${SMALL}`,
    );
  }
  process.exitCode = ratio <= TARGET && summaries.large / summaries.small <= TARGET ? 0 : 1;
} finally {
  await kubectl(['delete', 'namespace', small, large, '--wait=false']);
}
