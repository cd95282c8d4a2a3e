import { join } from 'node:path';
import type { LabLayout } from './args.js';
import { pkiPaths } from './certs.js';
import type { LabPorts } from './ports.js';

/** Where every file of a running lab lives, under its state directory (pure). */
export function labLayout(stateDir: string, ports: LabPorts): LabLayout {
  return {
    stateDir,
    etcdDataDir: join(stateDir, 'etcd'),
    kubeconfig: join(stateDir, 'kubeconfig'),
    kwokConfig: join(stateDir, 'kwok-stages.yaml'),
    registryConfig: join(stateDir, 'registry.yml'),
    pki: pkiPaths(stateDir),
    ports,
  };
}

export function logDir(stateDir: string): string {
  return join(stateDir, 'logs');
}

/** Buildah's storage for the lab: vfs, under the state directory. */
export function buildahDirs(stateDir: string): { root: string; runroot: string } {
  return { root: join(stateDir, 'buildah', 'storage'), runroot: join(stateDir, 'buildah', 'run') };
}
