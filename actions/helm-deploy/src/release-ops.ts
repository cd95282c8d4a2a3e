import { log } from '@todo-deploy/runtime';
import { Helm, helmError } from './adapters/helm.js';
import type { KubeApi } from './adapters/kube-api.js';
import { historyArgv, rollbackArgv, uninstallArgv } from './helm/argv.js';
import { isReleaseNotFound, parseHistory, type HistoryEntry } from './helm/release-json.js';
import { historyFromLabels, storageResource, storageSelector } from './helm/storage-labels.js';
import { planRecovery, type Recovery } from './recovery.js';

/** The release's revisions; [] when it does not exist. */
export async function readHistory(helm: Helm, release: string, namespace: string, signal?: AbortSignal): Promise<HistoryEntry[]> {
  const result = await helm.run(historyArgv(release, namespace), { timeoutMs: 60_000, ...(signal ? { signal } : {}) });
  if (result.exitCode === 0) return parseHistory(result.stdout);
  if (isReleaseNotFound(result.stderr)) return [];
  throw new Error(`helm history ${release} failed: ${helmError(result)}`);
}

const METADATA_ONLY = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

/**
 * The history the deploy plans with: the storage labels (one metadata-only API call) when they
 * show a release that needs no recovery; otherwise, or when the labels cannot be read,
 * `helm history`, which stays the authority on anything to recover.
 */
export async function historyForPlanning(
  helm: Helm,
  api: KubeApi,
  release: string,
  namespace: string,
  helmDriver: string | undefined,
): Promise<HistoryEntry[]> {
  const resource = storageResource(helmDriver);
  if (resource) {
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/${resource}?labelSelector=${encodeURIComponent(storageSelector(release))}`;
    const list = await api.json<{ items?: [] }>('GET', path, undefined, { accept: METADATA_ONLY }).catch(() => undefined);
    const quick = list ? historyFromLabels(list.items ?? []) : undefined;
    if (quick && planRecovery(quick).kind === 'none') return quick;
  }
  return readHistory(helm, release, namespace);
}

export type Undo = { kind: 'rollback'; to: number; revision: number } | { kind: 'uninstall' };

/** Puts the release back to `to` (no --wait: nothing waits that a kill could leave pending), or uninstalls it. */
export async function undo(
  helm: Helm,
  release: string,
  namespace: string,
  to: number | undefined,
  historyMax: number,
  timeoutMs: number,
): Promise<Undo> {
  if (to !== undefined) {
    const result = await helm.run(rollbackArgv(release, namespace, to, historyMax, timeoutMs), {
      announce: true,
      timeoutMs: timeoutMs + 60_000,
    });
    if (result.exitCode !== 0) throw new Error(`helm rollback ${release} ${to} failed: ${helmError(result)}`);
    const history = await readHistory(helm, release, namespace);
    const revision = Math.max(...history.map((e) => e.revision));
    log.info(`Rolled back ${release} to revision ${to} (now revision ${revision})`);
    return { kind: 'rollback', to, revision };
  }
  const result = await helm.run(uninstallArgv(release, namespace, timeoutMs), { announce: true, timeoutMs: timeoutMs + 60_000 });
  if (result.exitCode !== 0 && !isReleaseNotFound(result.stderr)) throw new Error(`helm uninstall ${release} failed: ${helmError(result)}`);
  log.info(`Uninstalled ${release}`);
  return { kind: 'uninstall' };
}

/** Carries out a recovery planned from the history, and says what was done. */
export async function applyRecovery(
  helm: Helm,
  recovery: Recovery,
  release: string,
  namespace: string,
  historyMax: number,
  timeoutMs: number,
): Promise<string> {
  if (recovery.kind === 'none') return '';
  log.warning(`Release ${release}: ${recovery.reason}; recovering before the deploy`);
  if (recovery.kind === 'rollback') {
    const done = await undo(helm, release, namespace, recovery.to, historyMax, timeoutMs);
    return `${recovery.reason}: rolled back to revision ${recovery.to}${done.kind === 'rollback' ? ` (as revision ${done.revision})` : ''}`;
  }
  await undo(helm, release, namespace, undefined, historyMax, timeoutMs);
  return `${recovery.reason}: uninstalled so that a fresh install can run`;
}
