import * as core from '@actions/core';
import { maskSecret } from '@todo-deploy/secrets';
import type { DeployInputs } from './inputs.js';
import { kubeconfigSecrets } from './kubeconfig.js';

/** Values too common to mask without making the log unreadable ('true' would hide every true). */
const TRIVIAL = /^(true|false|null|yes|no|\d{1,3})$/i;

/**
 * Masks every secret the inputs carry, with derived forms, before anything is printed: the
 * values of set and set-string lines, the credentials of the kubeconfig and the token.
 */
export function maskInputs(inputs: DeployInputs): void {
  if (inputs.githubToken) maskSecret(inputs.githubToken);
  for (const { value } of [...inputs.set, ...inputs.setString]) {
    if (value.length >= 3 && !TRIVIAL.test(value)) maskSecret(value);
  }
  if (inputs.kubeconfig) {
    core.setSecret(inputs.kubeconfig.text);
    for (const secret of kubeconfigSecrets(inputs.kubeconfig.doc)) maskSecret(secret);
  }
}
