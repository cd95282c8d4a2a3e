import type { HistoryEntry } from './release-json.js';

/**
 * Helm 3 and 4 keep each revision of a release in a Secret (the default driver) or a
 * ConfigMap, labelled owner=helm, name=<release>, status=<status>, version=<revision>. Reading
 * those labels answers "is this release healthy, and at which revision" in one small API call,
 * without starting helm or decoding the stored releases. Pure parts.
 */

/** The resource the storage driver keeps releases in, or undefined for drivers without one (memory, sql). */
export function storageResource(helmDriver: string | undefined): 'secrets' | 'configmaps' | undefined {
  const driver = (helmDriver ?? '').toLowerCase();
  if (driver === '' || driver === 'secret' || driver === 'secrets') return 'secrets';
  if (driver === 'configmap' || driver === 'configmaps') return 'configmaps';
  return undefined;
}

export const storageSelector = (release: string): string => `owner=helm,name=${release}`;

interface LabelledItem {
  metadata?: { labels?: Record<string, string> };
}

/**
 * Revisions and states from the labels (chart, app version and description stay empty), or
 * undefined when a label is missing or odd: then `helm history` has to be asked.
 */
export function historyFromLabels(items: readonly LabelledItem[]): HistoryEntry[] | undefined {
  const entries: HistoryEntry[] = [];
  for (const item of items) {
    const labels = item.metadata?.labels ?? {};
    const revision = Number(labels.version);
    if (!Number.isInteger(revision) || revision < 1 || !labels.status) return undefined;
    entries.push({ revision, status: labels.status, chart: '', app_version: '', description: '' });
  }
  return entries.sort((a, b) => a.revision - b.revision);
}
