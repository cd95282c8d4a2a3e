import { runProcess } from '@todo-deploy/process';

export class MissingPrerequisite extends Error {
  constructor(what: string, how: string) {
    super(`missing prerequisite: ${what}. ${how}`);
    this.name = 'MissingPrerequisite';
  }
}

async function output(file: string, args: string[]): Promise<string | undefined> {
  try {
    const r = await runProcess([file, ...args], { timeoutMs: 30_000 });
    return r.exitCode === 0 ? `${r.stdout}${r.stderr}` : undefined;
  } catch {
    return undefined;
  }
}

/** Compares "1.26.8" >= "1.26". */
export function goVersionAtLeast(have: string, want: string): boolean {
  const a = have.split('.').map(Number);
  const b = want.split('.').map(Number);
  for (let i = 0; i < b.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** Go 1.26+ (helm 4 needs it), python3 with venv, openssl; apt-get only when packages are missing. */
export async function checkPrerequisites(needApt: boolean): Promise<void> {
  const go = await output('go', ['env', 'GOVERSION']);
  if (!go) throw new MissingPrerequisite('go (1.26 or newer)', 'Install it from https://go.dev/dl/ and put its bin directory on PATH.');
  const v = /go(\d+\.\d+(?:\.\d+)?)/.exec(go)?.[1];
  if (!v || !goVersionAtLeast(v, '1.26')) {
    throw new MissingPrerequisite(`go 1.26 or newer (found ${go.trim()})`, 'helm 4 needs Go 1.26: install it from https://go.dev/dl/.');
  }
  if ((await output('python3', ['-c', 'import venv, ensurepip'])) === undefined) {
    throw new MissingPrerequisite('python3 with the venv module', 'Install python3 and python3-venv (apt-get install python3-venv).');
  }
  if ((await output('openssl', ['version'])) === undefined) {
    throw new MissingPrerequisite('openssl', 'Install it with apt-get install openssl.');
  }
  if (needApt && (await output('apt-get', ['--version'])) === undefined) {
    throw new MissingPrerequisite(
      'apt-get (for docker-registry and buildah)',
      'The lab needs a Debian or Ubuntu host, or install docker-registry and buildah by hand.',
    );
  }
}
