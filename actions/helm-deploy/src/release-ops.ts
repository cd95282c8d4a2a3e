import { Helm, helmError } from './adapters/helm.js';
import type { KubeApi } from './adapters/kube-api.js';
import { historyArgv } from './helm/argv.js';
import { isReleaseNotFound, parseHistory, type HistoryEntry } from './helm/release-json.js';
import { historyFromLabels, storageResource, storageSelector } from './helm/storage-labels.js';
import { planRecovery } from './plan/recovery.js';

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
