import { copyFile, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { toolDir } from '../paths.js';
import type { CrdPin } from '../versions.js';
import { downloadModule } from './go.js';
import { isComplete, markComplete } from './marker.js';

export function crdDir(pin: CrdPin): string {
  return toolDir(`crds-${pin.name}`, pin.version);
}

/** The CRD files of one project, in the lab's cache. */
export function crdFiles(pin: CrdPin): string[] {
  return pin.files.map((f) => join(crdDir(pin), basename(f)));
}

/** Copies the pinned CRD files out of the project's Go module sources. */
export async function installCrds(pin: CrdPin): Promise<'cached' | 'installed'> {
  const dir = crdDir(pin);
  if (isComplete(dir)) return 'cached';
  const mod = await downloadModule(pin.module, pin.version);
  await mkdir(dir, { recursive: true });
  for (const file of pin.files) await copyFile(join(mod.dir, file), join(dir, basename(file)));
  markComplete(dir, { module: pin.module, version: pin.version, files: pin.files });
  return 'installed';
}
