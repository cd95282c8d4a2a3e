import * as core from '@actions/core';
import { maskSecret } from '@todo-deploy/secrets';
import type { DeployInputs } from './inputs.js';
import { kubeconfigSecrets } from './kubeconfig.js';

/**
 * Masks every secret the inputs carry, with derived forms, before anything is printed: the
 * values of set-secret lines, the credentials of the kubeconfig and the token. set and
 * set-string values are not secret and stay readable (an owner, a domain, a registry).
 */
export function maskInputs(inputs: DeployInputs): void {
  if (inputs.githubToken) maskSecret(inputs.githubToken);
  for (const { value } of inputs.setSecret) maskSecret(value);
  if (inputs.kubeconfig) {
    core.setSecret(inputs.kubeconfig.text);
    for (const secret of kubeconfigSecrets(inputs.kubeconfig.doc)) maskSecret(secret);
  }
}
