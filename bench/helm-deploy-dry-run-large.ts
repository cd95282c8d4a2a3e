// helm-deploy's dry run (`dry-run: true`: helm's server-side dry run, then a diff of the
// rendered manifest against the deployed one in the summary) of a release holding an
// 8,000-line ConfigMap in which every 40th line changed. Targets (issue 14): under 2 s and
// under 200 MB. The time is the whole step as the runner runs it (Node start, helm history,
// helm's dry run, helm get manifest, the diff, the summary); raw `helm upgrade --dry-run=server`
// of the same change takes turns with it, so the part helm-deploy adds is printed beside. The
// memory is the action's Node process at its peak (VmHWM from /proc, read every 10 ms until
// it exits), helm's own processes not counted. The hand-written LCS this replaced took 15.7 s
// and about 1 GB. Needs the lab (`npm run lab -- up`); BENCH_ROUNDS (default 7), BENCH_HELM=3|4 (default 4).
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction, startAction } from '@todo-deploy/harness';
import { kubectl } from '@todo-deploy/lab';
import { runProcess } from '@todo-deploy/process';
import { interleaved, median, spread } from './stats.js';
import { helmOf, lab, pathOf, type Major } from './todo-on-lab.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const MAJOR: Major = process.env.BENCH_HELM === '3' ? 3 : 4;
const LINES = 8000;
const TARGET_MS = 2000;
const TARGET_MB = 200;
const id = randomBytes(3).toString('hex');
const namespace = `bench-dry-${id}`;

const dir = mkdtempSync(join(tmpdir(), 'bench-dry-'));
const chart = join(dir, 'chart');
mkdirSync(join(chart, 'templates'), { recursive: true });
writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: big\nversion: 0.1.0\nappVersion: "1"\n');
writeFileSync(join(chart, 'values.yaml'), 'lines: []\n');
writeFileSync(
  join(chart, 'templates', 'configmap.yaml'),
  `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-big
data:
  big.txt: |
{{- range .Values.lines }}
    {{ . }}
{{- end }}
`,
);
/** A values file whose ConfigMap has LINES lines; `round` changes every 40th (0: the deployed one). */
function valuesFile(round: number): string {
  const lines = Array.from({ length: LINES }, (_, i) =>
    round > 0 && i % 40 === round % 40 ? `line ${i} changed in round ${round}` : `line ${i} of the deployed ConfigMap`,
  );
  const file = join(dir, `values-${round}.json`);
  writeFileSync(file, JSON.stringify({ lines }));
  return file;
}

/** VmHWM of a process in bytes, or undefined once it is gone. */
function peakOf(pid: number): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

const peaks: number[] = [];
let round = 0;
async function dryRunWithAction(): Promise<number> {
  round += 1;
  const values = valuesFile(round);
  const started = performance.now();
  const { child, result } = startAction('helm-deploy', {
    inputs: { release: 'big', namespace, chart, 'values-files': values, 'dry-run': 'true', timeout: '5m' },
    env: { KUBECONFIG: lab.kubeconfig, PATH: pathOf(MAJOR) },
    post: false,
  });
  let peak = 0;
  const timer = setInterval(() => {
    const now = child.pid ? peakOf(child.pid) : undefined;
    if (now !== undefined) peak = Math.max(peak, now);
  }, 10);
  const run = await result;
  clearInterval(timer);
  const ms = performance.now() - started;
  if (run.exitCode !== 0) throw new Error(`helm-deploy dry run failed: ${run.stdout.slice(-600)}`);
  if (!run.summary.includes(`changed in round ${round}`)) throw new Error('the summary shows no changed line of this round');
  peaks.push(peak);
  return ms;
}

async function rawDryRun(): Promise<number> {
  round += 1;
  const values = valuesFile(round);
  const started = performance.now();
  const run = await runProcess(
    [helmOf(MAJOR), 'upgrade', '--install', 'big', chart, '-n', namespace, '--values', values, '--dry-run=server'],
    {
      env: { ...lab.env, PATH: pathOf(MAJOR) },
    },
  );
  if (run.exitCode !== 0) throw new Error(`helm dry run failed: ${run.stderr.slice(-600)}`);
  return performance.now() - started;
}

await kubectl(['create', 'namespace', namespace]);
try {
  const first = await runAction('helm-deploy', {
    inputs: { release: 'big', namespace, chart, 'values-files': valuesFile(0), timeout: '5m' },
    env: { KUBECONFIG: lab.kubeconfig, PATH: pathOf(MAJOR) },
  });
  if (first.exitCode !== 0) throw new Error(`the install failed: ${first.stdout.slice(-600)}`);
  const samples = await interleaved(ROUNDS, { action: dryRunWithAction, raw: rawDryRun });
  const ms = median(samples.action);
  const mb = Math.max(...peaks) / 2 ** 20;
  console.log(`Dry run of a release with a ${LINES}-line ConfigMap (${LINES / 40} lines changed), helm ${MAJOR}, ${ROUNDS} rounds each:`);
  console.log(`  helm-deploy dry-run: true            ${spread(samples.action)}`);
  console.log(`  raw helm upgrade --dry-run=server    ${spread(samples.raw)}`);
  console.log(`  helm-deploy beyond raw helm: ${(ms - median(samples.raw)).toFixed(0)} ms`);
  console.log(`helm-deploy dry run: ${ms.toFixed(0)} ms (target < ${TARGET_MS} ms) ${ms < TARGET_MS ? 'OK' : 'ABOVE TARGET'}`);
  console.log(
    `helm-deploy peak memory (its Node process): ${mb.toFixed(0)} MB (target < ${TARGET_MB} MB) ${mb < TARGET_MB ? 'OK' : 'ABOVE TARGET'}`,
  );
  process.exitCode = ms < TARGET_MS && mb < TARGET_MB ? 0 : 1;
} finally {
  await kubectl(['delete', 'namespace', namespace, '--wait=false']);
}
