import * as core from '@actions/core';

/** What main leaves for the post step (GITHUB_STATE), so a cancelled run can be cleaned up. */
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
} as const;

export const saveState = (name: (typeof State)[keyof typeof State], value: string): void => core.saveState(name, value);
export const getState = (name: (typeof State)[keyof typeof State]): string => core.getState(name);
