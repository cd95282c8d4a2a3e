import * as core from '@actions/core';
import { log, fail } from '@todo-deploy/runtime';
import { Helm } from './adapters/helm.js';
import { KubeApi } from './adapters/kube-api.js';
import { readCheckpoint } from './checkpoint.js';
import { releaseLease } from './lock.js';
import { planPost } from './plan/post.js';
import { settledText } from './plan/settle.js';
import { kubeconfigIn, reportRefused, runLocalStep } from './post-local.js';
import { ReleaseRunner } from './runner.js';
import type { DeployState } from './state.js';

/**
 * The post step when main was killed (post-if: always()): runs the steps planned from main's
 * checkpoint (plan/post.ts): stop main's kubectl proxy, settle the release if main stopped
 * between changing it and settling it, free the deploy lock, remove the kubeconfig file last
 * (the steps before need it). A step that fails stops the cluster steps after it, never the
 * removal of the folder.
 */
export async function post(state: DeployState): Promise<void> {
  const checkpoint = readCheckpoint(state);
  const steps = planPost(checkpoint);
  const kubeconfigPath = kubeconfigIn(checkpoint.folder);
  const env: NodeJS.ProcessEnv = { ...process.env, ...(kubeconfigPath ? { KUBECONFIG: kubeconfigPath } : {}) };
  const context = checkpoint.target?.context;
  const access = { env, ...(context ? { context } : {}) };
  const local = steps.filter((s) => s.kind === 'remove-folder');
  try {
    for (const step of steps) {
      if (step.kind === 'settle') {
        log.warning(`The deploy of ${step.release} did not finish; settling the release`);
        const helm = new Helm(checkpoint.helm?.binary ?? 'helm', { version: '', major: checkpoint.helm?.major ?? 3 }, access);
        const runner = new ReleaseRunner(helm, step.release, step.namespace, { historyMax: step.historyMax, timeoutMs: 120_000 });
        const settled = await runner.settle({
          ...(step.previousRevision !== undefined ? { previousRevision: step.previousRevision } : {}),
          atomic: step.atomic,
        });
        log.info(settledText(step.release, settled));
        core.saveState('phase', '');
      } else if (step.kind === 'free-lock') {
        const api = await KubeApi.start(access);
        try {
          await releaseLease(api, step.release, step.namespace, step.holder);
        } finally {
          await api.close();
        }
      } else if (step.kind === 'stop-proxy') runLocalStep(step);
    }
  } catch (error) {
    fail(`Post step: ${(error as Error).message}`);
  } finally {
    for (const step of local) runLocalStep(step);
    reportRefused(state);
  }
}
