import { join } from 'node:path';
import { runChecked } from '@todo-deploy/process';
import { toolDir } from '../paths.js';
import { versions } from '../versions.js';
import { isComplete, markComplete } from './marker.js';

export function pythonToolBinary(name: string): string {
  const pin = versions().python.find((p) => p.name === name);
  if (!pin) throw new Error(`no Python tool named ${name} in versions.json`);
  return join(toolDir(name, pin.version), 'venv', 'bin', name);
}

/** Installs a pinned PyPI tool (zizmor) in its own virtual environment. */
export async function installPythonTool(name: string, version: string): Promise<'cached' | 'installed'> {
  const dir = toolDir(name, version);
  if (isComplete(dir)) return 'cached';
  const venv = join(dir, 'venv');
  await runChecked(['python3', '-m', 'venv', '--clear', venv]);
  await runChecked([join(venv, 'bin', 'python'), '-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `${name}==${version}`], {
    stream: 'stderr',
  });
  markComplete(dir, { name, version });
  return 'installed';
}
