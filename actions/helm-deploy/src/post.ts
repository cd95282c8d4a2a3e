import * as core from '@actions/core';
import { log, fail } from '@todo-deploy/runtime';
import { Helm } from './adapters/helm.js';
import { KubeApi } from './adapters/kube-api.js';
import { releaseLease } from './lock.js';
import { kubeconfigIn, removeFolder, reportRefused, stopLeftProxy } from './post-local.js';
import { settle } from './settle.js';
import type { DeployState } from './state.js';

/**
 * The post step when main was killed (post-if: always()): settle the release if main
 * stopped between changing it and settling it, free the deploy lock, stop main's kubectl
 * proxy, remove the kubeconfig file. The kubeconfig goes last: the steps before need it.
 */
export async function post(state: DeployState): Promise<void> {
  const kubeconfigPath = kubeconfigIn(state);
  const env: NodeJS.ProcessEnv = { ...process.env, ...(kubeconfigPath ? { KUBECONFIG: kubeconfigPath } : {}) };
  const context = state.get('context');
  const access = { env, ...(context ? { context } : {}) };
  // postNeedsCluster checked both
  const release = state.get('release') as string;
  const namespace = state.get('namespace') as string;
  stopLeftProxy(state);
  try {
    if (state.get('phase') === 'deploying') {
      log.warning(`The deploy of ${release} did not finish; settling the release`);
      const major = state.get('helmMajor') === '4' ? 4 : 3;
      const helm = new Helm(state.get('helmBinary') ?? 'helm', { version: '', major }, access);
      const previous = state.get('previousRevision');
      const result = await settle(helm, {
        release,
        namespace,
        ...(previous ? { previousRevision: previous } : {}),
        atomic: state.get('atomic') !== false,
        historyMax: state.get('historyMax') ?? 10,
        timeoutMs: 120_000,
      });
      log.info(
        `Release ${release}: ${result.kind === 'rollback' ? `rolled back to revision ${result.to}` : result.kind === 'uninstall' ? 'uninstalled' : result.kind === 'repaired' ? result.text : 'already settled'}`,
      );
      core.saveState('phase', '');
    }
    const holder = state.get('lockHolder');
    if (holder) {
      const api = await KubeApi.start(access);
      try {
        await releaseLease(api, release, namespace, holder);
      } finally {
        await api.close();
      }
    }
  } catch (error) {
    fail(`Post step: ${(error as Error).message}`);
  } finally {
    removeFolder(state);
    reportRefused(state);
  }
}
