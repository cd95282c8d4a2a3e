import * as core from '@actions/core';
import { redact } from '@todo-deploy/secrets';
import { Helm } from './adapters/helm.js';
import { KubeApi } from './adapters/kube-api.js';
import { releaseLease } from './lock.js';
import { removeKubeconfig, stopLeftProxy } from './post-local.js';
import { settle } from './settle.js';
import { State, type StateOf } from './state-names.js';

/**
 * The post step when main was killed (post-if: always()): settle the release if main
 * stopped between changing it and settling it, free the deploy lock, stop main's kubectl
 * proxy, remove the kubeconfig file. The kubeconfig goes last: the steps before need it.
 */
export async function post(state: StateOf): Promise<void> {
  const kubeconfigPath = state(State.KubeconfigPath);
  const env: NodeJS.ProcessEnv = { ...process.env, ...(kubeconfigPath ? { KUBECONFIG: kubeconfigPath } : {}) };
  const context = state(State.Context);
  const access = { env, ...(context ? { context } : {}) };
  const release = state(State.Release);
  const namespace = state(State.Namespace);
  stopLeftProxy(state);
  try {
    if (state(State.Phase) === 'deploying') {
      core.warning(`The deploy of ${release} did not finish; settling the release`);
      const major = state(State.HelmMajor) === '4' ? 4 : 3;
      const helm = new Helm(state(State.HelmBinary) || 'helm', { version: '', major }, access);
      const previous = state(State.PreviousRevision);
      const result = await settle(helm, {
        release,
        namespace,
        ...(previous ? { previousRevision: Number(previous) } : {}),
        atomic: state(State.Atomic) !== 'false',
        historyMax: Number(state(State.HistoryMax) || '10'),
        timeoutMs: 120_000,
      });
      core.info(
        `Release ${release}: ${result.kind === 'rollback' ? `rolled back to revision ${result.to}` : result.kind === 'uninstall' ? 'uninstalled' : result.kind === 'repaired' ? result.text : 'already settled'}`,
      );
      core.saveState(State.Phase, '');
    }
    const holder = state(State.LockHolder);
    if (holder) {
      const api = await KubeApi.start(access);
      try {
        await releaseLease(api, release, namespace, holder);
      } finally {
        await api.close();
      }
    }
  } catch (error) {
    core.setFailed(redact(`Post step: ${(error as Error).message}`));
  } finally {
    removeKubeconfig(state);
  }
}
