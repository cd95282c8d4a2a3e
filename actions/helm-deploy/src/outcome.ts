import type { ManifestDiff } from './dry-run/manifest-diff.js';
import type { WorkloadReport } from './rollout/verdict.js';

/** How a run ended, for outputs, summary and the error line. */
export type DeployStatus = 'deployed' | 'rolled-back' | 'uninstalled' | 'failed' | 'dry-run';

export interface DeployOutcome {
  release: string;
  namespace: string;
  chart: string;
  chartVersion: string;
  appVersion: string;
  imageTag?: string;
  helmVersion: string;
  previousRevision?: number;
  revision?: number;
  status: DeployStatus;
  rolledBack: boolean;
  /** The revision serving after the run (undefined when nothing is installed). */
  servingRevision?: number;
  /** The revision number helm gave the rollback (it restores servingRevision's content). */
  rollbackRevision?: number;
  durationMs: number;
  recovery?: string;
  lockWaitMs?: number;
  workloads: WorkloadReport[];
  failure?: string;
  diff?: ManifestDiff;
}
