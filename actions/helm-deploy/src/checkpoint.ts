import type { DeployState } from './state.js';

/**
 * What main has done so far that the post step may have to finish, read back typed from the
 * state (every value parsed by its field; a refused one is absent). One record that main
 * writes through `CheckpointWriter` and the post step plans from (plan/post.ts).
 */
export interface Checkpoint {
  /** The release main works on; absent until the inputs were read. */
  target?: { release: string; namespace: string; context?: string };
  /** Set from just before helm may change the release until it is settled. */
  deploying?: { previousRevision?: number; atomic: boolean; historyMax: number };
  helm?: { binary: string; major: 3 | 4 };
  /** This run's Lease holder while it holds the deploy lock. */
  lockHolder?: string;
  proxy?: { pid: number; folder: string };
  /** The private folder (the kubeconfig written from the input). */
  folder?: string;
}

export function readCheckpoint(state: DeployState): Checkpoint {
  const release = state.get('release');
  const namespace = state.get('namespace');
  const context = state.get('context');
  const binary = state.get('helmBinary');
  const major = state.get('helmMajor');
  const holder = state.get('lockHolder');
  const pid = state.get('proxyPid');
  const proxyFolder = state.get('proxyFolder');
  const folder = state.get('folder');
  const previousRevision = state.get('previousRevision');
  return {
    ...(release && namespace ? { target: { release, namespace, ...(context ? { context } : {}) } } : {}),
    ...(state.get('phase') === 'deploying'
      ? {
          deploying: {
            ...(previousRevision ? { previousRevision } : {}),
            // a missing value settles the safe way: undo this run's revision
            atomic: state.get('atomic') !== false,
            historyMax: state.get('historyMax') ?? 10,
          },
        }
      : {}),
    ...(binary && major ? { helm: { binary, major: major === '4' ? 4 : 3 } } : {}),
    ...(holder ? { lockHolder: holder } : {}),
    ...(pid && proxyFolder ? { proxy: { pid, folder: proxyFolder } } : {}),
    ...(folder ? { folder } : {}),
  };
}

/** Main's side: each step of the run is one named write, so the post step always reads a whole step. */
export class CheckpointWriter {
  constructor(private readonly state: DeployState) {}

  target(release: string, namespace: string, options: { context?: string; atomic: boolean; historyMax: number }): void {
    this.state.set('release', release);
    this.state.set('namespace', namespace);
    this.state.set('atomic', options.atomic);
    this.state.set('historyMax', options.historyMax);
    if (options.context) this.state.set('context', options.context);
  }

  folder(path: string | undefined): void {
    this.state.set('folder', path);
  }

  helm(binary: string, major: 3 | 4): void {
    this.state.set('helmBinary', binary);
    this.state.set('helmMajor', major === 4 ? '4' : '3');
  }

  proxy(proxy: { pid: number; folder: string } | undefined): void {
    this.state.set('proxyPid', proxy?.pid);
    this.state.set('proxyFolder', proxy?.folder);
  }

  locked(holder: string | undefined): void {
    this.state.set('lockHolder', holder);
  }

  /** From here until `settled`, a killed main leaves the post step a release to settle. */
  deploying(previousRevision: number | undefined): void {
    this.state.set('previousRevision', previousRevision);
    this.state.set('phase', 'deploying');
  }

  settled(): void {
    this.state.set('phase', undefined);
  }

  read(): Checkpoint {
    return readCheckpoint(this.state);
  }
}
