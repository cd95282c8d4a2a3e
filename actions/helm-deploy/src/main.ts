import { createPrivateFolder, fail, log, mainState, reasonOf, removePrivateFolder } from '@todo-deploy/runtime';
import { envReader } from '@todo-deploy/inputs';
import { writeSummary } from '@todo-deploy/summary';
import { clusterAccess } from './access.js';
import { Helm, helmVersionText } from './adapters/helm.js';
import type { KubeApi } from './adapters/kube-api.js';
import { Kubectl } from './adapters/kubectl.js';
import { deploy } from './deploy.js';
import { upgradePlan } from './plan/upgrade.js';
import { baseOutcome } from './plan/outcome.js';
import { CheckpointWriter } from './checkpoint.js';
import { needsCluster, planPost } from './plan/post.js';
import { dryRun } from './dry-run/dry-run.js';
import { helmSupportNotice, parseHelmVersion } from './helm/version.js';
import { pickHelm } from './tool/pick-helm.js';
import { readInputs, type DeployInputs } from './inputs.js';
import { serverOf } from './kubeconfig.js';
import { maskInputs } from './masking.js';
import type { DeployOutcome } from './outcome.js';
import { outputs, outputsOf } from './outputs.js';
import { connectApi, currentServer, namespaceExists } from './preflight.js';
import { failureMessage, summaryMarkdown } from './report.js';
import type { GithubDeployment } from './github-deployment.js';
import { ACTION, stateSchema } from './state.js';
import type { ClusterAccess } from './adapters/cluster-env.js';

async function resolveHelm(inputs: DeployInputs, access: ClusterAccess, checkpoint: CheckpointWriter): Promise<Helm> {
  // loaded only when asked for: the tool cache and the GitHub client are large to start
  const installed = inputs.helmVersion
    ? await (await import('./tool/install-helm.js')).installHelm(inputs.helmVersion, inputs.helmMirror)
    : undefined;
  const { binary, versionText: text } = installed
    ? { binary: installed, versionText: await helmVersionText(installed, access.env) }
    : await pickHelm(access.env);
  const flavor = parseHelmVersion(text);
  if (inputs.forceConflicts && flavor.major !== 4)
    throw new Error(
      `Input 'force-conflicts': server-side apply conflicts are helm 4's; helm ${flavor.version} applies client-side (leave it false)`,
    );
  // values go through --set-literal (helm 3.12+), which cannot set a second key
  const minor = Number(/^v3\.(\d+)\./.exec(flavor.version)?.[1] ?? '99');
  if (flavor.major === 3 && minor < 12)
    throw new Error(`helm ${flavor.version} is too old: helm-deploy needs helm 3.12 or newer (or helm 4); set helm-version to install one`);
  if (inputs.helmVersion && flavor.version !== `v${inputs.helmVersion}`)
    throw new Error(`helm-version asks for ${inputs.helmVersion}, but the cached binary reports ${flavor.version}`);
  const notice = helmSupportNotice(flavor, new Date());
  if (notice) log.notice(notice);
  checkpoint.helm(binary, flavor.major === 4 ? 4 : 3);
  return new Helm(binary, flavor, access);
}

/**
 * Everything before the first change, at once: the helm binary, and the API connection with
 * the API server answering. The helm problem is named first when both fail.
 */
async function preflight(
  inputs: DeployInputs,
  access: ClusterAccess,
  checkpoint: CheckpointWriter,
  keep: (api: KubeApi) => void,
): Promise<{ helm: Helm; api: KubeApi }> {
  const kubectl = new Kubectl(access);
  const server = async () => (inputs.kubeconfig ? serverOf(inputs.kubeconfig.doc, inputs.context) : await currentServer(kubectl));
  // a main step killed outright leaves the proxy running: the post step stops it
  const proxyStarted = (pid: number, folder: string): void => checkpoint.proxy({ pid, folder });
  const [helm, api] = await Promise.allSettled([
    resolveHelm(inputs, access, checkpoint),
    connectApi(access, server, inputs.context, proxyStarted),
  ]);
  if (api.status === 'fulfilled') keep(api.value);
  if (helm.status === 'rejected') throw helm.reason;
  if (api.status === 'rejected') throw api.reason;
  if (!inputs.createNamespace && !inputs.dryRun && !(await namespaceExists(api.value, inputs.namespace))) {
    throw new Error(`Namespace ${inputs.namespace} does not exist and create-namespace is false`);
  }
  return { helm: helm.value, api: api.value };
}

export async function run(): Promise<void> {
  const started = Date.now();
  const abort = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    log.warning(`Received ${signal}: stopping, and leaving the release settled`);
    abort.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let record: GithubDeployment | undefined;
  let api: KubeApi | undefined;
  const checkpoint = new CheckpointWriter(mainState(stateSchema));
  let folder: string | undefined;
  try {
    const inputs = readInputs(envReader());
    maskInputs(inputs);
    checkpoint.target(inputs.release, inputs.namespace, {
      ...(inputs.context ? { context: inputs.context } : {}),
      atomic: inputs.atomic,
      historyMax: inputs.historyMax,
    });
    folder = createPrivateFolder(ACTION);
    checkpoint.folder(folder);
    const access = clusterAccess(inputs, folder);
    const ready = await preflight(inputs, access, checkpoint, (opened) => (api = opened));
    const helm = ready.helm;
    log.info(`Using helm ${helm.flavor.version}`);
    if (inputs.githubToken && inputs.environment && !inputs.dryRun) {
      const { GithubDeployment } = await import('./github-deployment.js');
      record = new GithubDeployment(
        inputs.githubToken,
        inputs.environment,
        inputs.environmentUrl?.href,
        `${inputs.release} to ${inputs.namespace}`,
      );
      await record.start();
    }
    const outcome: DeployOutcome = inputs.dryRun
      ? await dryRun(inputs, helm, upgradePlan(inputs, true), baseOutcome(inputs, helm.flavor.version, 'dry-run'), started)
      : await deploy(inputs, helm, ready.api, started, abort.signal, checkpoint);
    await report(outcome);
    await record?.status(
      outcome.status === 'deployed' ? 'success' : 'failure',
      outcome.status === 'deployed' ? `revision ${outcome.revision}` : failureMessage(outcome),
    );
  } catch (error) {
    const message = reasonOf(error);
    await record?.status('failure', message);
    // nothing was deployed by this run: say so, so that later steps can branch on it
    outputs.setSome({ status: 'failed', 'rolled-back': 'false' });
    fail(message);
  } finally {
    if (api) {
      await api.close();
      checkpoint.proxy(undefined);
    }
    // the kubeconfig goes with the folder; a release left deploying (a signal) keeps it for the post step
    if (folder && !needsCluster(planPost(checkpoint.read()))) {
      removePrivateFolder(folder);
      checkpoint.folder(undefined);
    }
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

async function report(outcome: DeployOutcome): Promise<void> {
  outputs.set(outputsOf(outcome));
  await writeSummary(summaryMarkdown(outcome));
  if (outcome.status === 'deployed' || outcome.status === 'dry-run') return;
  const events = outcome.workloads.flatMap((w) => w.events);
  if (events.length > 0) {
    log.startGroup(`Warning events (${events.length})`);
    for (const e of events) log.info(`${e.object} ${e.reason} (x${e.count}): ${e.message}`);
    log.endGroup();
  }
  for (const w of outcome.workloads)
    for (const pod of w.pods) {
      if (!pod.logs) continue;
      log.startGroup(
        `Last log lines of pod ${pod.name}, container ${pod.logs.container}${pod.logs.previous ? ' (the run before the last restart)' : ''}`,
      );
      log.lines(pod.logs.lines.join('\n'));
      log.endGroup();
    }
  fail(failureMessage(outcome));
}
