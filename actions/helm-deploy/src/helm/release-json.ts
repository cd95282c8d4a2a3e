/** One line of `helm history -o json` (helm 3 and 4 share these fields). */
export interface HistoryEntry {
  revision: number;
  status: string;
  chart: string;
  app_version: string;
  description: string;
}

/** The parts of `helm upgrade/status -o json` the action reads. `config` (the values) is never kept. */
export interface ReleaseFacts {
  name: string;
  namespace: string;
  revision: number;
  status: string;
  chartName: string;
  chartVersion: string;
  appVersion: string;
  manifest: string;
  description: string;
}

export function parseHistory(stdout: string): HistoryEntry[] {
  const parsed: unknown = JSON.parse(stdout.trim() === '' ? '[]' : stdout);
  if (!Array.isArray(parsed)) throw new Error('helm history did not print a JSON list');
  return (parsed as HistoryEntry[]).map((e) => ({
    revision: Number(e.revision),
    status: String(e.status),
    chart: String(e.chart ?? ''),
    app_version: String(e.app_version ?? ''),
    description: String(e.description ?? ''),
  }));
}

/** helm prints the JSON after any warnings; take the first line that opens an object. */
export function parseReleaseJson(stdout: string): ReleaseFacts {
  const start = stdout.search(/^\{/m);
  if (start < 0) throw new Error('helm printed no release JSON');
  const raw = JSON.parse(stdout.slice(start)) as {
    name?: string;
    namespace?: string;
    version?: number;
    manifest?: string;
    info?: { status?: string; description?: string };
    chart?: { metadata?: { name?: string; version?: string; appVersion?: string } };
  };
  return {
    name: raw.name ?? '',
    namespace: raw.namespace ?? '',
    revision: raw.version ?? 0,
    status: raw.info?.status ?? '',
    chartName: raw.chart?.metadata?.name ?? '',
    chartVersion: raw.chart?.metadata?.version ?? '',
    appVersion: raw.chart?.metadata?.appVersion ?? '',
    manifest: raw.manifest ?? '',
    description: raw.info?.description ?? '',
  };
}

/** `helm history` of a release that does not exist fails with this text (helm 3 and 4). */
export function isReleaseNotFound(stderr: string): boolean {
  // helm 3 and 4: 'Error: release: not found' (history, status) and
  // 'Error: uninstall: Release not loaded: <name>: release: not found'; any other "not found"
  // (a ConfigMap, a CRD, a context) is a real failure
  return /(^|\s|:)release: not found\s*$/im.test(stderr);
}
