import { isAbsolute, basename } from 'node:path';
import { privateFolderField } from '@todo-deploy/runtime/private-folder';
import { fields, type ActionState } from '@todo-deploy/runtime/state';

export const ACTION = 'helm-deploy';

// a Kubernetes name (release, namespace): lower-case letters, digits, '-' and '.'
const K8S_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** The helm the post step runs: 'helm' on PATH, or a binary named helm under the runner's tool cache. */
const helmBinary = fields.custom(
  (raw) => {
    if (raw === 'helm') return raw;
    const cache = process.env.RUNNER_TOOL_CACHE;
    return cache && isAbsolute(raw) && raw.startsWith(`${cache}/`) && !raw.includes('/../') && basename(raw) === 'helm' ? raw : undefined;
  },
  (value) => value,
);

/**
 * What main leaves for the post step. The post step runs helm, deletes a Lease, stops a
 * process and removes a folder from these values: each is read back only in the shape main
 * writes it (see @todo-deploy/runtime/state).
 */
export const stateSchema = {
  /** The private folder: the kubeconfig written from the input, the API proxy's socket. */
  folder: privateFolderField(ACTION),
  /** 'deploying' from just before helm changes the release until it is settled. */
  phase: fields.oneOf('deploying'),
  release: fields.matching(K8S_NAME),
  namespace: fields.matching(K8S_NAME),
  helmBinary,
  helmMajor: fields.oneOf('3', '4'),
  /** A kube context name: one line, never an option. */
  context: fields.matching(/^[^-\s][^\r\n]*$/),
  previousRevision: fields.count(),
  atomic: fields.boolean(),
  historyMax: fields.count(),
  /** This run's Lease holder identity: the post step frees the Lease only while it still names it. */
  lockHolder: fields.matching(/^[^\r\n]+$/),
  /** The kubectl proxy main runs (stopped by the post step when main was killed). */
  proxyPid: fields.count(),
  proxyFolder: privateFolderField(ACTION),
};

export type DeployState = ActionState<typeof stateSchema>;
