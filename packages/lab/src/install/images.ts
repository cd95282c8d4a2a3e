import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChecked } from '@todo-deploy/process';
import { toolDir } from '../paths.js';
import { goBuildEnv } from './go.js';
import { isComplete, markComplete } from './marker.js';

/** The Go module of the lab's own image binaries (pause, demo-server, sbom-scanner), in this package. */
export const imagesModuleDir = fileURLToPath(new URL('../../images', import.meta.url));

/** The programs the lab copies into images FROM scratch. */
export const IMAGE_COMMANDS = ['pause', 'demo-server', 'sbom-scanner'] as const;
export type ImageCommand = (typeof IMAGE_COMMANDS)[number];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

/** A digest of the module's sources and the commands built from it: an edit builds into a new cache directory. */
export function imagesSourceDigest(dir: string = imagesModuleDir): string {
  const hash = createHash('sha256').update(`${IMAGE_COMMANDS.join(',')}\0`);
  for (const file of files(dir))
    hash
      .update(`${relative(dir, file)}\0`)
      .update(readFileSync(file))
      .update('\0');
  return hash.digest('hex').slice(0, 12);
}

export function imageBinary(command: ImageCommand): string {
  return join(toolDir('lab-images', imagesSourceDigest()), 'bin', command);
}

/** Builds the static binaries of the lab's images (CGO off, so they run FROM scratch). */
export async function installImageBinaries(): Promise<'cached' | 'built'> {
  const digest = imagesSourceDigest();
  const dir = toolDir('lab-images', digest);
  if (isComplete(dir)) return 'cached';
  await mkdir(join(dir, 'bin'), { recursive: true });
  await runChecked(['go', 'build', '-o', `${join(dir, 'bin')}/`, ...IMAGE_COMMANDS.map((c) => `./cmd/${c}`)], {
    cwd: imagesModuleDir,
    env: goBuildEnv({ GOFLAGS: '-trimpath -buildvcs=false' }),
    stream: 'stderr',
  });
  markComplete(dir, { sources: digest, commands: IMAGE_COMMANDS });
  return 'built';
}
