/** What main leaves for the post step (GITHUB_STATE; the post step reads STATE_<name>). */
export const State = {
  IsPost: 'isPost',
  KubeconfigPath: 'kubeconfigPath',
  /** 'deploying' from just before helm changes the release until it is settled; '' after. */
  Phase: 'phase',
  Release: 'release',
  Namespace: 'namespace',
  HelmBinary: 'helmBinary',
  HelmMajor: 'helmMajor',
  Context: 'context',
  PreviousRevision: 'previousRevision',
  Atomic: 'atomic',
  HistoryMax: 'historyMax',
  LockHolder: 'lockHolder',
  /** '<pid> <socket folder>' of the kubectl proxy while main runs. */
  ApiProxy: 'apiProxy',
} as const;

export type StateName = (typeof State)[keyof typeof State];
export type StateOf = (name: StateName) => string;

/** The state as the runner hands it to the post step (what core.getState reads). */
export const stateFromEnv: StateOf = (name) => process.env[`STATE_${name}`] ?? '';
