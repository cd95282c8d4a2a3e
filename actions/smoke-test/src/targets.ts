import { displayUrl, maskSecret, maskUrlCredentials } from '@todo-deploy/secrets';
import type { SmokeInputs } from './inputs.js';

export interface Target {
  url: URL;
  shown: string;
  headers: Record<string, string>;
}

/**
 * Masks the secret header values and every URL credential (with derived forms) and turns
 * credentials in a URL into an Authorization header, since HTTP clients send none from the
 * URL itself. Other header values stay readable.
 */
export function prepareTargets(inputs: SmokeInputs): Target[] {
  const common: Record<string, string> = {};
  for (const { name, value, secret } of inputs.headers) {
    common[name.toLowerCase()] = value;
    if (!secret) continue;
    maskSecret(value);
    const credential = /^\S+\s+(\S{4,})$/.exec(value)?.[1];
    if (credential) {
      maskSecret(credential);
      if (/^basic$/i.test(value.split(/\s/)[0] ?? '')) maskBasic(credential);
    }
  }
  return inputs.urls.map((url) => {
    maskUrlCredentials(url);
    const headers = { ...common };
    if ((url.username !== '' || url.password !== '') && headers.authorization === undefined) {
      const pair = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
      const encoded = Buffer.from(pair).toString('base64');
      maskSecret(encoded);
      headers.authorization = `Basic ${encoded}`;
    }
    const bare = new URL(url.href);
    bare.username = '';
    bare.password = '';
    return { url: bare, shown: displayUrl(url), headers };
  });
}

/** todo-deploy-smoke-test/<the ref the workflow uses, such as v1> (+<the action's repository>). */
export function userAgent(env: NodeJS.ProcessEnv): string {
  const ref = /^[\w.-]{1,64}$/.test(env.GITHUB_ACTION_REF ?? '') ? env.GITHUB_ACTION_REF : 'dev';
  const repo = /^[\w.-]+\/[\w.-]+$/.test(env.GITHUB_ACTION_REPOSITORY ?? '') ? env.GITHUB_ACTION_REPOSITORY : 'todo-deploy';
  return `todo-deploy-smoke-test/${ref} (+https://github.com/${repo})`;
}

function maskBasic(encoded: string): void {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  maskSecret(decoded);
  const at = decoded.indexOf(':');
  if (at > 0) {
    maskSecret(decoded.slice(at + 1));
  }
}
