import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import * as core from '@actions/core';
import { redact } from '@todo-deploy/secrets';
import { Helm } from './adapters/helm.js';
import { Kubectl } from './adapters/kubectl.js';
import { releaseLease } from './lock.js';
import { settle } from './settle.js';
import { getState, State } from './state.js';

/**
 * The post step (post-if: always()): if main stopped between changing the release and
 * settling it (cancelled, killed), settle it now; free the deploy lock; remove the
 * kubeconfig file. The kubeconfig goes last: the steps before need it.
 */
export async function post(): Promise<void> {
  const kubeconfigPath = getState(State.KubeconfigPath);
  const env: NodeJS.ProcessEnv = { ...process.env, ...(kubeconfigPath ? { KUBECONFIG: kubeconfigPath } : {}) };
  const context = getState(State.Context);
  const access = { env, ...(context ? { context } : {}) };
  const release = getState(State.Release);
  const namespace = getState(State.Namespace);
  try {
    if (getState(State.Phase) === 'deploying' && release && namespace) {
      core.warning(`The deploy of ${release} did not finish; settling the release`);
      const major = getState(State.HelmMajor) === '4' ? 4 : 3;
      const helm = new Helm(getState(State.HelmBinary) || 'helm', { version: '', major }, access);
      const previous = getState(State.PreviousRevision);
      const result = await settle(helm, {
        release,
        namespace,
        ...(previous ? { previousRevision: Number(previous) } : {}),
        atomic: getState(State.Atomic) !== 'false',
        historyMax: Number(getState(State.HistoryMax) || '10'),
        timeoutMs: 120_000,
      });
      core.info(
        `Release ${release}: ${result.kind === 'rollback' ? `rolled back to revision ${result.to}` : result.kind === 'uninstall' ? 'uninstalled' : result.kind === 'repaired' ? result.text : 'already settled'}`,
      );
      core.saveState(State.Phase, '');
    }
    const holder = getState(State.LockHolder);
    if (holder && release && namespace) await releaseLease(new Kubectl(access), release, namespace, holder);
  } catch (error) {
    core.setFailed(redact(`Post step: ${(error as Error).message}`));
  } finally {
    if (kubeconfigPath) {
      rmSync(dirname(kubeconfigPath), { recursive: true, force: true });
      core.info('Removed the kubeconfig file');
    }
  }
}
