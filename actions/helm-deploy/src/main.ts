import * as core from '@actions/core';
import { envReader } from '@todo-deploy/inputs';
import { redact } from '@todo-deploy/secrets';
import { writeSummary } from '@todo-deploy/summary';
import { clusterAccess } from './access.js';
import { Helm, helmVersionText } from './adapters/helm.js';
import type { KubeApi } from './adapters/kube-api.js';
import { Kubectl } from './adapters/kubectl.js';
import { deploy, upgradePlan } from './deploy.js';
import { dryRun } from './dry-run/dry-run.js';
import { parseHelmVersion } from './helm/version.js';
import { readInputs, type DeployInputs } from './inputs.js';
import { serverOf } from './kubeconfig.js';
import { maskInputs } from './masking.js';
import type { DeployOutcome } from './outcome.js';
import { outputsOf, setOutputs } from './outputs.js';
import { connectApi, currentServer, namespaceExists } from './preflight.js';
import { failureMessage, summaryMarkdown } from './report.js';
import type { GithubDeployment } from './github-deployment.js';
import { saveState, State } from './state.js';
import type { ClusterAccess } from './adapters/cluster-env.js';

async function resolveHelm(inputs: DeployInputs, access: ClusterAccess): Promise<Helm> {
  // loaded only when asked for: the tool cache and the GitHub client are large to start
  const binary = inputs.helmVersion
    ? await (await import('./tool/install-helm.js')).installHelm(inputs.helmVersion, inputs.helmMirror)
    : 'helm';
  let text: string;
  try {
    text = await helmVersionText(binary, access.env);
  } catch (error) {
    if (/ENOENT/.test((error as Error).message))
      throw new Error('helm is not on PATH: install it in an earlier step or set the helm-version input', { cause: error });
    throw error;
  }
  const flavor = parseHelmVersion(text);
  if (inputs.helmVersion && flavor.version !== `v${inputs.helmVersion}`)
    throw new Error(`helm-version asks for ${inputs.helmVersion}, but the cached binary reports ${flavor.version}`);
  saveState(State.HelmBinary, binary);
  saveState(State.HelmMajor, String(flavor.major));
  return new Helm(binary, flavor, access);
}

/**
 * Everything before the first change, at once: the helm binary, and the API connection with
 * the API server answering. The helm problem is named first when both fail.
 */
async function preflight(inputs: DeployInputs, access: ClusterAccess, keep: (api: KubeApi) => void): Promise<{ helm: Helm; api: KubeApi }> {
  const kubectl = new Kubectl(access);
  const server = async () => (inputs.kubeconfig ? serverOf(inputs.kubeconfig.doc, inputs.context) : await currentServer(kubectl));
  const [helm, api] = await Promise.allSettled([resolveHelm(inputs, access), connectApi(access, server, inputs.context)]);
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
    core.warning(`Received ${signal}: stopping, and leaving the release settled`);
    abort.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let record: GithubDeployment | undefined;
  let api: KubeApi | undefined;
  saveState(State.IsPost, 'true');
  try {
    const inputs = readInputs(envReader());
    maskInputs(inputs);
    saveState(State.Release, inputs.release);
    saveState(State.Namespace, inputs.namespace);
    saveState(State.Atomic, String(inputs.atomic));
    saveState(State.HistoryMax, String(inputs.historyMax));
    if (inputs.context) saveState(State.Context, inputs.context);
    const access = clusterAccess(inputs);
    const ready = await preflight(inputs, access, (opened) => {
      api = opened;
      // a main step killed outright leaves the proxy running: the post step stops it
      saveState(State.ApiProxy, `${opened.pid} ${opened.socketDir}`);
    });
    const helm = ready.helm;
    core.info(`Using helm ${helm.flavor.version}`);
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
      ? await dryRun(
          inputs,
          helm,
          upgradePlan(inputs, true),
          {
            release: inputs.release,
            namespace: inputs.namespace,
            chart: inputs.chart.shown,
            chartVersion: '',
            appVersion: '',
            ...(inputs.imageTag ? { imageTag: inputs.imageTag } : {}),
            helmVersion: helm.flavor.version,
            status: 'dry-run',
            rolledBack: false,
            durationMs: 0,
            workloads: [],
          },
          started,
        )
      : await deploy(inputs, helm, ready.api, started, abort.signal);
    await report(outcome);
    await record?.status(
      outcome.status === 'deployed' ? 'success' : 'failure',
      outcome.status === 'deployed' ? `revision ${outcome.revision}` : failureMessage(outcome),
    );
  } catch (error) {
    const message = redact((error as Error).message);
    await record?.status('failure', message);
    // nothing was deployed by this run: say so, so that later steps can branch on it
    core.setOutput('status', 'failed');
    core.setOutput('rolled-back', 'false');
    core.setFailed(message);
  } finally {
    if (api) {
      await api.close();
      saveState(State.ApiProxy, '');
    }
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

async function report(outcome: DeployOutcome): Promise<void> {
  setOutputs(outputsOf(outcome));
  await writeSummary(redact(summaryMarkdown(outcome)));
  if (outcome.status === 'deployed' || outcome.status === 'dry-run') return;
  const events = outcome.workloads.flatMap((w) => w.events);
  if (events.length > 0) {
    core.startGroup(`Warning events (${events.length})`);
    for (const e of events) core.info(redact(`${e.object} ${e.reason} (x${e.count}): ${e.message}`));
    core.endGroup();
  }
  core.setFailed(redact(failureMessage(outcome)));
}
