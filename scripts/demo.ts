// The demo: the main job on the lab, twice (a commit on main, then the next one). Each time
// the bundled build-images builds the five service images (stand-ins from
// scripts/demo-services: the services live in the app repository) and pushes them to the
// lab registry with the tag policy, then the bundled helm-deploy deploys chart/ with
// values-staging.yaml and that tag to namespace staging. Both run the way the runner runs
// them; each job summary is printed as text. scripts/demo.sh starts the lab first.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { repoRoot, runAction, type ActionRun } from '@todo-deploy/harness';
import { buildahEnv, kubectl, labEnv } from '@todo-deploy/lab';
import { summaryText } from './demo-summary.js';

const NAMESPACE = 'staging';
const OWNER = 'octo-demo';
const SERVICES = ['frontend', 'backend', 'mcp', 'notification', 'sse-gateway'];
const root = repoRoot();
const lab = await labEnv();

async function ensureStagingSecret(): Promise<void> {
  if ((await kubectl(['get', 'namespace', NAMESPACE])).exitCode !== 0) await kubectl(['create', 'namespace', NAMESPACE]);
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'app-secrets', namespace: NAMESPACE },
    type: 'Opaque',
    stringData: {
      DATABASE_URL: 'postgresql://todo:demo-only@postgres.staging:5432/todo',
      KAFKA_BROKERS: 'kafka.staging:9092',
      KAFKA_SASL_USERNAME: 'todo',
      KAFKA_SASL_PASSWORD: 'demo-only-password',
      BETTER_AUTH_SECRET: randomBytes(16).toString('hex'),
      OPENAI_API_KEY: 'sk-demo-only',
    },
  };
  const applied = await kubectl(['apply', '-f', '-'], { input: JSON.stringify(secret) });
  if (applied.exitCode !== 0) throw new Error(`could not create the Secret app-secrets: ${applied.stderr}`);
}

/** Prints a step's log (without runner commands) and its job summary as text. */
function show(run: ActionRun): void {
  const log = run.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::'))
    .join('\n')
    .trim();
  console.log(log.replace(/^/gm, '  │ '));
  console.log(`\nJob summary (exit ${run.exitCode}):\n`);
  console.log(summaryText(run.summary));
}

/** build-images for a commit on main; resolves with its image-tag output. */
async function buildImages(sha: string): Promise<{ run: ActionRun; tag: string }> {
  console.log(`\n▶ build-images: ${SERVICES.length} services, commit ${sha.slice(0, 7)} on main, registry ${lab.registry}`);
  const run = await runAction('build-images', {
    inputs: {
      services: SERVICES.map((s) => `${s}=${join(root, 'scripts/demo-services', s)}`).join('\n'),
      registry: lab.registry,
      repository: `${OWNER}/hackathon-todo`,
      'tls-verify': 'false',
    },
    env: buildahEnv(lab),
    context: { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: sha, GITHUB_REPOSITORY: `${OWNER}/hackathon-todo` },
  });
  show(run);
  return { run, tag: run.outputs['image-tag'] ?? '' };
}

async function deployTag(tag: string): Promise<ActionRun> {
  console.log(`\n▶ helm-deploy: release todo, namespace ${NAMESPACE}, image tag ${tag}`);
  const run = await runAction('helm-deploy', {
    inputs: {
      release: 'todo',
      namespace: NAMESPACE,
      chart: join(root, 'chart'),
      'values-files': join(root, 'chart/values-staging.yaml'),
      'image-tag': tag,
      'set-string': `global.owner=${OWNER}\nglobal.imageRegistry=${lab.registry}\nglobal.domain=example.test`,
      timeout: '3m',
    },
    env: { KUBECONFIG: lab.kubeconfig, PATH: `${lab.binDir}:${process.env.PATH ?? ''}` },
  });
  show(run);
  return run;
}

/** The main job for one commit: build and push the images, then deploy their tag. */
async function mainJob(): Promise<boolean> {
  const built = await buildImages(randomBytes(20).toString('hex'));
  if (built.run.exitCode !== 0) return false;
  return (await deployTag(built.tag)).exitCode === 0;
}

await ensureStagingSecret();
// two commits on main, one after the other: an install, then an upgrade
process.exitCode = (await mainJob()) && (await mainJob()) ? 0 : 1;
