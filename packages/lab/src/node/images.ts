/** Images FROM scratch of one static binary, built with buildah (vfs, chroot) and pushed to the lab registry. */
import { readFile } from 'node:fs/promises';
import { runChecked, type RunOptions } from '@todo-deploy/process';

export interface ScratchImage {
  /** The static binary, copied to /<name of the entrypoint>. */
  binary: string;
  /** The path in the image, e.g. /pause. */
  path: string;
  /** registry/repository:tag to push to. */
  ref: string;
  env?: Record<string, string>;
  labels?: Record<string, string>;
  /** Ports the image documents (EXPOSE). */
  ports?: number[];
  /** uid:gid the entrypoint runs as; 65532:65532 (nonroot) unless given. */
  user?: string;
}

export interface Buildah {
  bin: string;
  root: string;
  runroot: string;
}

/** Builds and pushes one image; returns its digest in the registry. */
export async function pushScratchImage(b: Buildah, image: ScratchImage): Promise<string> {
  const opts: RunOptions = { env: { ...process.env, BUILDAH_ISOLATION: 'chroot', STORAGE_DRIVER: 'vfs' } };
  const run = (args: string[]) => runChecked([b.bin, '--root', b.root, '--runroot', b.runroot, '--storage-driver', 'vfs', ...args], opts);
  const container = (await run(['from', '--quiet', 'scratch'])).stdout.trim();
  try {
    await run(['copy', '--chmod', '0755', container, image.binary, image.path]);
    const config = ['--entrypoint', JSON.stringify([image.path]), '--user', image.user ?? '65532:65532'];
    for (const [k, v] of Object.entries(image.env ?? {})) config.push('--env', `${k}=${v}`);
    for (const [k, v] of Object.entries(image.labels ?? {})) config.push('--label', `${k}=${v}`);
    for (const p of image.ports ?? []) config.push('--port', String(p));
    await run(['config', ...config, container]);
    const local = `localhost/lab-build-${container}`;
    await run(['commit', '--quiet', container, local]);
    const digestFile = `${b.runroot}/digest-${container}`;
    await run(['push', '--quiet', '--tls-verify=false', '--digestfile', digestFile, local, `docker://${image.ref}`]);
    await run(['rmi', local]);
    return (await readFile(digestFile, 'utf8')).trim();
  } finally {
    await run(['rm', container]).catch(() => undefined);
  }
}
